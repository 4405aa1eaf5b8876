package dev.correlog.slf4j;

import dev.correlog.Level;
import org.slf4j.Logger;
import org.slf4j.Marker;

/**
 * Every method of SLF4J's {@link Logger} routed, without an argument array for one or two
 * arguments, to five hooks of {@link CorrelogLogger}. Generated shape: one line per method.
 */
abstract class LoggerMethods implements Logger {
  abstract boolean enabled(Level level);

  /** A message without arguments (never formatted), with an optional throwable. */
  abstract void log0(Level level, Marker marker, String msg, Throwable t);

  /** A pattern with {@code count} (1 or 2) arguments; a trailing throwable is not one of them. */
  abstract void log2(Level level, Marker marker, String format, int count, Object a, Object b);

  /** A pattern with an argument array; a trailing throwable is not one of them. */
  abstract void logN(Level level, Marker marker, String format, Object[] args);

  @Override
  public final boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public final boolean isTraceEnabled(Marker marker) {
    return enabled(Level.TRACE);
  }

  @Override
  public final void trace(String msg) {
    log0(Level.TRACE, null, msg, null);
  }

  @Override
  public final void trace(String format, Object arg) {
    log2(Level.TRACE, null, format, 1, arg, null);
  }

  @Override
  public final void trace(String format, Object arg1, Object arg2) {
    log2(Level.TRACE, null, format, 2, arg1, arg2);
  }

  @Override
  public final void trace(String format, Object... arguments) {
    logN(Level.TRACE, null, format, arguments);
  }

  @Override
  public final void trace(String msg, Throwable t) {
    log0(Level.TRACE, null, msg, t);
  }

  @Override
  public final void trace(Marker marker, String msg) {
    log0(Level.TRACE, marker, msg, null);
  }

  @Override
  public final void trace(Marker marker, String format, Object arg) {
    log2(Level.TRACE, marker, format, 1, arg, null);
  }

  @Override
  public final void trace(Marker marker, String format, Object arg1, Object arg2) {
    log2(Level.TRACE, marker, format, 2, arg1, arg2);
  }

  @Override
  public final void trace(Marker marker, String format, Object... arguments) {
    logN(Level.TRACE, marker, format, arguments);
  }

  @Override
  public final void trace(Marker marker, String msg, Throwable t) {
    log0(Level.TRACE, marker, msg, t);
  }

  @Override
  public final boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public final boolean isDebugEnabled(Marker marker) {
    return enabled(Level.DEBUG);
  }

  @Override
  public final void debug(String msg) {
    log0(Level.DEBUG, null, msg, null);
  }

  @Override
  public final void debug(String format, Object arg) {
    log2(Level.DEBUG, null, format, 1, arg, null);
  }

  @Override
  public final void debug(String format, Object arg1, Object arg2) {
    log2(Level.DEBUG, null, format, 2, arg1, arg2);
  }

  @Override
  public final void debug(String format, Object... arguments) {
    logN(Level.DEBUG, null, format, arguments);
  }

  @Override
  public final void debug(String msg, Throwable t) {
    log0(Level.DEBUG, null, msg, t);
  }

  @Override
  public final void debug(Marker marker, String msg) {
    log0(Level.DEBUG, marker, msg, null);
  }

  @Override
  public final void debug(Marker marker, String format, Object arg) {
    log2(Level.DEBUG, marker, format, 1, arg, null);
  }

  @Override
  public final void debug(Marker marker, String format, Object arg1, Object arg2) {
    log2(Level.DEBUG, marker, format, 2, arg1, arg2);
  }

  @Override
  public final void debug(Marker marker, String format, Object... arguments) {
    logN(Level.DEBUG, marker, format, arguments);
  }

  @Override
  public final void debug(Marker marker, String msg, Throwable t) {
    log0(Level.DEBUG, marker, msg, t);
  }

  @Override
  public final boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public final boolean isInfoEnabled(Marker marker) {
    return enabled(Level.INFO);
  }

  @Override
  public final void info(String msg) {
    log0(Level.INFO, null, msg, null);
  }

  @Override
  public final void info(String format, Object arg) {
    log2(Level.INFO, null, format, 1, arg, null);
  }

  @Override
  public final void info(String format, Object arg1, Object arg2) {
    log2(Level.INFO, null, format, 2, arg1, arg2);
  }

  @Override
  public final void info(String format, Object... arguments) {
    logN(Level.INFO, null, format, arguments);
  }

  @Override
  public final void info(String msg, Throwable t) {
    log0(Level.INFO, null, msg, t);
  }

  @Override
  public final void info(Marker marker, String msg) {
    log0(Level.INFO, marker, msg, null);
  }

  @Override
  public final void info(Marker marker, String format, Object arg) {
    log2(Level.INFO, marker, format, 1, arg, null);
  }

  @Override
  public final void info(Marker marker, String format, Object arg1, Object arg2) {
    log2(Level.INFO, marker, format, 2, arg1, arg2);
  }

  @Override
  public final void info(Marker marker, String format, Object... arguments) {
    logN(Level.INFO, marker, format, arguments);
  }

  @Override
  public final void info(Marker marker, String msg, Throwable t) {
    log0(Level.INFO, marker, msg, t);
  }

  @Override
  public final boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public final boolean isWarnEnabled(Marker marker) {
    return enabled(Level.WARN);
  }

  @Override
  public final void warn(String msg) {
    log0(Level.WARN, null, msg, null);
  }

  @Override
  public final void warn(String format, Object arg) {
    log2(Level.WARN, null, format, 1, arg, null);
  }

  @Override
  public final void warn(String format, Object arg1, Object arg2) {
    log2(Level.WARN, null, format, 2, arg1, arg2);
  }

  @Override
  public final void warn(String format, Object... arguments) {
    logN(Level.WARN, null, format, arguments);
  }

  @Override
  public final void warn(String msg, Throwable t) {
    log0(Level.WARN, null, msg, t);
  }

  @Override
  public final void warn(Marker marker, String msg) {
    log0(Level.WARN, marker, msg, null);
  }

  @Override
  public final void warn(Marker marker, String format, Object arg) {
    log2(Level.WARN, marker, format, 1, arg, null);
  }

  @Override
  public final void warn(Marker marker, String format, Object arg1, Object arg2) {
    log2(Level.WARN, marker, format, 2, arg1, arg2);
  }

  @Override
  public final void warn(Marker marker, String format, Object... arguments) {
    logN(Level.WARN, marker, format, arguments);
  }

  @Override
  public final void warn(Marker marker, String msg, Throwable t) {
    log0(Level.WARN, marker, msg, t);
  }

  @Override
  public final boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  public final boolean isErrorEnabled(Marker marker) {
    return enabled(Level.ERROR);
  }

  @Override
  public final void error(String msg) {
    log0(Level.ERROR, null, msg, null);
  }

  @Override
  public final void error(String format, Object arg) {
    log2(Level.ERROR, null, format, 1, arg, null);
  }

  @Override
  public final void error(String format, Object arg1, Object arg2) {
    log2(Level.ERROR, null, format, 2, arg1, arg2);
  }

  @Override
  public final void error(String format, Object... arguments) {
    logN(Level.ERROR, null, format, arguments);
  }

  @Override
  public final void error(String msg, Throwable t) {
    log0(Level.ERROR, null, msg, t);
  }

  @Override
  public final void error(Marker marker, String msg) {
    log0(Level.ERROR, marker, msg, null);
  }

  @Override
  public final void error(Marker marker, String format, Object arg) {
    log2(Level.ERROR, marker, format, 1, arg, null);
  }

  @Override
  public final void error(Marker marker, String format, Object arg1, Object arg2) {
    log2(Level.ERROR, marker, format, 2, arg1, arg2);
  }

  @Override
  public final void error(Marker marker, String format, Object... arguments) {
    logN(Level.ERROR, marker, format, arguments);
  }

  @Override
  public final void error(Marker marker, String msg, Throwable t) {
    log0(Level.ERROR, marker, msg, t);
  }
}
