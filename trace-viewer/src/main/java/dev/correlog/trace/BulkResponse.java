package dev.correlog.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The per-item outcomes of a {@code _bulk} answer, in request order (streaming parse). */
final class BulkResponse {
  /**
   * One item: its HTTP-like status and, when it failed, the store's error type and reason (a plain
   * class, not a {@code record}: core/RATIONALE.md, "Redeploy").
   */
  static final class Item {
    private final int status;
    private final String errorType;
    private final String reason;

    Item(int status, String errorType, String reason) {
      this.status = status;
      this.errorType = errorType;
      this.reason = reason;
    }

    int status() {
      return status;
    }

    String errorType() {
      return errorType;
    }

    String reason() {
      return reason;
    }

    boolean created() {
      return status == 200 || status == 201;
    }

    /** {@code create} of an id that is already stored: the line was shipped before. */
    boolean duplicate() {
      return status == 409;
    }

    /** Back-pressure: the store asks to try again later. */
    boolean retryable() {
      return status == 429 || status == 502 || status == 503 || status == 504;
    }
  }

  private static final JsonFactory JSON = new JsonFactory();

  private BulkResponse() {}

  static List<Item> parse(byte[] body) throws IOException {
    List<Item> items = new ArrayList<>();
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("bulk answer is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (name.equals("items") && t == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            p.nextToken(); // the operation's name
            p.nextToken(); // its object
            items.add(item(p));
            p.nextToken(); // END_OBJECT of the item
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return items;
  }

  private static Item item(JsonParser p) throws IOException {
    int status = 0;
    String type = null;
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("status") && t == JsonToken.VALUE_NUMBER_INT) {
        status = p.getIntValue();
      } else if (name.equals("error") && t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken v = p.nextToken();
          if (f.equals("type") && v == JsonToken.VALUE_STRING) {
            type = p.getText();
          } else if (f.equals("reason") && v == JsonToken.VALUE_STRING) {
            reason = reason == null ? p.getText() : p.getText() + reason;
          } else if (f.equals("caused_by") && v == JsonToken.START_OBJECT) {
            String cause = cause(p);
            reason = reason == null ? cause : reason + cause;
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return new Item(status, type, reason);
  }

  /** {@code " (caused by TYPE: REASON)"} of a {@code caused_by} object (its own causes skipped). */
  private static String cause(JsonParser p) throws IOException {
    String type = null;
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals("type") && v == JsonToken.VALUE_STRING) {
        type = p.getText();
      } else if (f.equals("reason") && v == JsonToken.VALUE_STRING) {
        reason = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return " (caused by " + type + ": " + reason + ")";
  }
}
