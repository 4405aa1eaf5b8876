package dev.correlog.internal;

/** A logger's name with its {@code ,"logger":"name"} field encoded once. Immutable. */
public final class LoggerName {
  /** What a null or empty logger name becomes. */
  public static final LoggerName ROOT = of("root");

  private final String name;
  final byte[] field;

  private LoggerName(String name, byte[] field) {
    this.name = name;
    this.field = field;
  }

  public static LoggerName of(String name) {
    JsonBuffer b = new JsonBuffer(64, 4096);
    b.ascii(",\"logger\":").string(name, 256);
    return new LoggerName(name, java.util.Arrays.copyOf(b.array(), b.length()));
  }

  public String name() {
    return name;
  }
}
