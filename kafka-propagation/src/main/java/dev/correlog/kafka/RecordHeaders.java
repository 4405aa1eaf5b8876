package dev.correlog.kafka;

import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Setter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Kafka record headers as a propagation carrier. Values are UTF-8. Reading is defensive, since
 * headers come from any producer: a value that is not valid UTF-8, longer than {@link
 * #MAX_VALUE_BYTES}, or one of more than {@link #MAX_SCANNED} headers is treated as absent; a
 * header present several times is returned as its values joined by {@code ","}, as HTTP combines
 * repeated headers, so a repeated {@code traceparent} is invalid and starts a new trace. {@link
 * Getter#getEach} reads every name wanted in one pass over the headers, not one pass per name.
 */
final class RecordHeaders {
  /** Longest header value read; W3C {@code tracestate} is at most 32 members of 256 + 256. */
  static final int MAX_VALUE_BYTES = 8192;

  /** Headers looked at per lookup: a record stuffed with headers cannot make extraction slow. */
  static final int MAX_SCANNED = 256;

  static final Getter<Headers> GETTER =
      new Getter<>() {
        @Override
        public String get(Headers headers, String key) {
          return RecordHeaders.get(headers, key);
        }

        @Override
        public void getEach(Headers headers, List<String> names, String[] values) {
          RecordHeaders.getEach(headers, names, values);
        }
      };

  /** Marks, during {@link #getEach}, a name whose value is spoiled (compared by identity). */
  private static final String SPOILED = new String("spoiled");

  static final Setter<Headers> SETTER =
      (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
      };

  private RecordHeaders() {}

  static String get(Headers headers, String key) {
    if (headers == null) {
      return null;
    }
    String found = null;
    StringBuilder joined = null;
    int scanned = 0;
    for (Header h : headers) {
      if (++scanned > MAX_SCANNED) {
        break;
      }
      if (!key.equalsIgnoreCase(h.key())) {
        continue;
      }
      String value = decode(h.value());
      if (value == null) {
        return null; // a malformed copy spoils the header, as a malformed value would
      }
      if (found == null) {
        found = value;
      } else {
        if (joined == null) {
          joined = new StringBuilder(found);
        }
        joined.append(',').append(value);
        if (joined.length() > MAX_VALUE_BYTES) {
          return null;
        }
      }
    }
    return joined != null ? joined.toString() : found;
  }

  /**
   * What {@link #get} returns for each of {@code names}, into {@code values}, by one pass over at
   * most {@link #MAX_SCANNED} headers.
   */
  static void getEach(Headers headers, List<String> names, String[] values) {
    int n = names.size();
    for (int i = 0; i < n; i++) {
      values[i] = null;
    }
    if (headers == null) {
      return;
    }
    int scanned = 0;
    for (Header h : headers) {
      if (++scanned > MAX_SCANNED) {
        break;
      }
      int i = indexOf(names, h.key());
      if (i < 0 || values[i] == SPOILED) {
        continue;
      }
      String value = decode(h.value());
      if (value == null) {
        values[i] = SPOILED; // a malformed copy spoils the header, as in get
      } else if (values[i] == null) {
        values[i] = value;
      } else {
        String joined = values[i] + "," + value;
        values[i] = joined.length() > MAX_VALUE_BYTES ? SPOILED : joined;
      }
    }
    for (int i = 0; i < n; i++) {
      if (values[i] == SPOILED) {
        values[i] = null;
      }
    }
  }

  private static int indexOf(List<String> names, String key) {
    if (key == null) {
      return -1;
    }
    for (int i = 0, n = names.size(); i < n; i++) {
      String name = names.get(i);
      if (name.length() == key.length() && name.equalsIgnoreCase(key)) {
        return i;
      }
    }
    return -1;
  }

  /** The UTF-8 text of {@code value}, or null when absent, too long or not valid UTF-8. */
  static String decode(byte[] value) {
    if (value == null || value.length > MAX_VALUE_BYTES) {
      return null;
    }
    if (ascii(value)) { // what propagation headers are: valid UTF-8, no decoder needed
      return new String(value, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean ascii(byte[] value) {
    for (byte b : value) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
