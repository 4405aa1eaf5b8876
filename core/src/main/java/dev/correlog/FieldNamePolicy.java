package dev.correlog;

/**
 * How an event treats its field names, chosen per event with {@link
 * EventBuilder#fieldNames(FieldNamePolicy)}: Correlog's own API stays {@link #STRICT}; events
 * bridged from elsewhere (SLF4J key-value pairs, an MDC map, a Logback event) use {@link #KEEP} or
 * {@link #SNAKE_CASE}, which never throw and never drop a value because of its name.
 *
 * <p>Under {@code KEEP} and {@code SNAKE_CASE} a name that is <em>taken</em> is renamed by one
 * rule: an underscore is put in front of it until it is free. A name is taken when it is an
 * envelope or standard field ({@code timestamp}, {@code level}, {@code trace_id}, {@code message},
 * {@code error}, ...), when an earlier field of the same event already has it, or when it is null
 * or empty. So {@code level} is written as {@code _level}, a second {@code user_id} as {@code
 * _user_id}, and a null name as {@code _}. Names are cut at 128 characters.
 */
public enum FieldNamePolicy {
  /**
   * The default, for Correlog's own API: lowercase snake_case names, optionally dotted ({@code
   * http.status_code}), never an envelope field, never twice. A name that breaks a rule is a schema
   * violation: the field is dropped and the line carries {@code schema_errors} (lenient mode), or
   * {@code emit()} throws {@code SchemaViolationException} (strict mode).
   */
  STRICT,

  /**
   * Any name kept as given ({@code userId}, {@code http.method}, {@code first name}), escaped as a
   * JSON string; a taken name gets the underscore prefix. Never a violation, never dropped.
   */
  KEEP,

  /**
   * Names normalised to snake_case, then handled as {@link #KEEP}: a lowercase letter or digit
   * followed by an uppercase letter starts a new word ({@code userId} and {@code UserID} become
   * {@code user_id}, {@code HTTPStatus} becomes {@code http_status}), letters are lowercased, dots
   * are kept, and any other character (a space, {@code -}, a quote) becomes {@code _} ({@code
   * X-Request-Id} becomes {@code x_request_id}).
   */
  SNAKE_CASE
}
