package dev.correlog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The writer's line contract, checked on raw bytes: valid UTF-8, at most the cap, exactly one
 * newline (the last byte), no raw U+0085/U+2028/U+2029, and JSON that a strict parser (duplicate
 * keys rejected, trailing tokens rejected) accepts. Public so fuzz tests in other packages use it.
 */
public final class StrictLines {
  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private StrictLines() {}

  /** Checks one raw line (with its newline) and returns it parsed; throws AssertionError. */
  public static JsonNode check(byte[] line, int cap) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line))
              .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("not UTF-8: " + e, e);
    }
    if (line.length > cap) {
      throw new AssertionError("line of " + line.length + " bytes over the cap " + cap);
    }
    if (line.length == 0 || line[line.length - 1] != '\n') {
      throw new AssertionError("line does not end with a newline: " + tail(text));
    }
    String body = text.substring(0, text.length() - 1);
    for (char c : new char[] {'\n', '\r', '\u0085', '\u2028', '\u2029'}) {
      if (body.indexOf(c) >= 0) {
        throw new AssertionError(
            "raw U+" + Integer.toHexString(c) + " inside the line: " + tail(text));
      }
    }
    try {
      JsonNode node = STRICT.readTree(body);
      if (node == null || !node.isObject()) {
        throw new AssertionError("not a JSON object: " + tail(text));
      }
      return node;
    } catch (java.io.IOException e) {
      throw new AssertionError("not strict JSON: " + e.getMessage() + " in " + tail(text), e);
    }
  }

  /** {@link #check(byte[], int)} for a line kept as a String. */
  public static JsonNode check(String line, int cap) {
    return check(line.getBytes(StandardCharsets.UTF_8), cap);
  }

  private static String tail(String s) {
    return s.length() <= 300 ? s : "..." + s.substring(s.length() - 300);
  }
}
