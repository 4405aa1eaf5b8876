package dev.correlog.schema;

/** What a declared schema does with a field it does not declare. */
public enum UnknownFields {
  /** Write it; no violation (the default). */
  ALLOW,
  /** Write it, and record a violation. */
  FLAG
}
