package dev.correlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redaction by value: secrets found inside messages and string values are replaced by {@value
 * #REPLACEMENT}, whatever the field is called. Configured once, on {@link
 * Correlog.Builder#redactValues(Redaction)}; applied to the message, to every string value (top
 * level and nested, including the {@code toString()} of objects written as strings) and to the
 * error message. Values Jackson renders as JSON objects are not scanned.
 *
 * <pre>{@code
 * Correlog.builder()
 *     .service("checkout").version("2.0.0")
 *     .redactValues(Redaction.builder().cardNumbers().bearerTokens().jwts()
 *         .pattern("(?i)api[_-]?key=\\w+").build())
 *     .build();
 * }</pre>
 *
 * <p>The built-in detectors are hand-written scanners, not regular expressions:
 *
 * <ul>
 *   <li>{@link Builder#cardNumbers()}: 13 to 19 digits, optionally grouped by single spaces or
 *       hyphens, passing the Luhn check (so order numbers and timestamps of that length are kept
 *       unless they happen to pass it, about one in ten).
 *   <li>{@link Builder#bearerTokens()}: {@code Bearer} (any case) and spaces, then a token of at
 *       least 8 token68 characters that is not all lowercase letters: {@code Bearer [REDACTED]}.
 *       "the bearer of bad news" is kept.
 *   <li>{@link Builder#jwts()}: three base64url segments separated by dots whose first starts with
 *       {@code eyJ} (the encoding of <code>{"</code>); the signature may be empty.
 * </ul>
 *
 * <p>Configured patterns are applied after them, each match replaced whole. Text with nothing to
 * redact is returned as is, without copying.
 */
public final class Redaction {
  /** What replaces each secret found. */
  public static final String REPLACEMENT = "[REDACTED]";

  private static final Redaction NONE = new Redaction(false, false, false, List.of());

  private final boolean cards;
  private final boolean bearer;
  private final boolean jwt;
  private final Pattern[] patterns;
  private final ThreadLocal<Matcher[]> matchers;
  private static final String QUOTED = Matcher.quoteReplacement(REPLACEMENT);

  private Redaction(boolean cards, boolean bearer, boolean jwt, List<Pattern> patterns) {
    this.cards = cards;
    this.bearer = bearer;
    this.jwt = jwt;
    this.patterns = patterns.toArray(new Pattern[0]);
    Pattern[] ps = this.patterns;
    this.matchers =
        ThreadLocal.withInitial(
            () -> {
              Matcher[] ms = new Matcher[ps.length];
              for (int i = 0; i < ps.length; i++) {
                ms[i] = ps[i].matcher("");
              }
              return ms;
            });
  }

  /** Card numbers, bearer tokens and JWTs. */
  public static Redaction defaults() {
    return builder().cardNumbers().bearerTokens().jwts().build();
  }

  /** Redacts nothing. */
  public static Redaction none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True when this redacts nothing. */
  public boolean isNone() {
    return !cards && !bearer && !jwt && patterns.length == 0;
  }

  /** {@code text} with every secret replaced, or {@code text} itself when there is none. */
  public String apply(String text) {
    if (text == null) {
      return null;
    }
    String s = text;
    if (cards) {
      s = ValueScanners.cards(s, REPLACEMENT);
    }
    if (bearer) {
      s = ValueScanners.bearer(s, REPLACEMENT);
    }
    if (jwt) {
      s = ValueScanners.jwts(s, REPLACEMENT);
    }
    if (patterns.length > 0) {
      Matcher[] ms = matchers.get(); // reused: no allocation when nothing matches
      for (Matcher m : ms) {
        m.reset(s);
        if (m.find()) {
          s = m.replaceAll(QUOTED);
        }
        m.reset(""); // do not keep the text reachable from the thread
      }
    }
    return s;
  }

  /**
   * {@link #apply(String)} for any text; a {@code CharSequence} other than a {@code String} is read
   * through its {@code toString()}, and returned unchanged if that throws.
   */
  public CharSequence apply(CharSequence text) {
    if (text == null || text instanceof String) {
      return apply((String) text);
    }
    String s;
    try {
      s = text.toString();
    } catch (RuntimeException e) {
      return text; // the writer turns it into its failure marker
    }
    return s == null ? text : apply(s);
  }

  /** Chooses the detectors. */
  public static final class Builder {
    private boolean cards;
    private boolean bearer;
    private boolean jwt;
    private final List<Pattern> patterns = new ArrayList<>();

    private Builder() {}

    /** Payment card numbers that pass the Luhn check. */
    public Builder cardNumbers() {
      cards = true;
      return this;
    }

    /** {@code Bearer <token>}: the token. */
    public Builder bearerTokens() {
      bearer = true;
      return this;
    }

    /** JSON Web Tokens (JWS compact form). */
    public Builder jwts() {
      jwt = true;
      return this;
    }

    /** Every match of {@code regex} ({@link Pattern} syntax). */
    public Builder pattern(String regex) {
      return pattern(Pattern.compile(regex));
    }

    /** Every match of {@code pattern}. */
    public Builder pattern(Pattern pattern) {
      patterns.add(Objects.requireNonNull(pattern, "pattern"));
      return this;
    }

    public Redaction build() {
      return new Redaction(cards, bearer, jwt, patterns);
    }
  }
}
