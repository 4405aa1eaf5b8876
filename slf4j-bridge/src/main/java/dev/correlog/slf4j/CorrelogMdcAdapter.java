package dev.correlog.slf4j;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.spi.MDCAdapter;

/**
 * The MDC of the Correlog provider: one map per thread in a plain {@link ThreadLocal}, never an
 * {@code InheritableThreadLocal}, so a thread started from a request thread (a pool growing) does
 * not inherit that request's values. The map is emptied and freed by {@link #clear()}.
 */
final class CorrelogMdcAdapter implements MDCAdapter {
  private final ThreadLocal<Map<String, String>> values = new ThreadLocal<>();
  private final ThreadLocal<Map<String, Deque<String>>> deques = new ThreadLocal<>();

  /** This thread's map, or null when it has none; read by the logger, never handed out. */
  Map<String, String> current() {
    return values.get();
  }

  @Override
  public void put(String key, String val) {
    if (key == null) {
      throw new IllegalArgumentException("key cannot be null");
    }
    Map<String, String> map = values.get();
    if (map == null) {
      map = new HashMap<>();
      values.set(map);
    }
    map.put(key, val);
  }

  @Override
  public String get(String key) {
    Map<String, String> map = values.get();
    return map == null || key == null ? null : map.get(key);
  }

  @Override
  public void remove(String key) {
    Map<String, String> map = values.get();
    if (map != null && key != null) {
      map.remove(key);
      if (map.isEmpty()) {
        values.remove();
      }
    }
  }

  @Override
  public void clear() {
    values.remove();
    deques.remove();
  }

  @Override
  public Map<String, String> getCopyOfContextMap() {
    Map<String, String> map = values.get();
    return map == null ? null : new HashMap<>(map);
  }

  @Override
  public void setContextMap(Map<String, String> contextMap) {
    if (contextMap == null || contextMap.isEmpty()) {
      values.remove();
    } else {
      values.set(new HashMap<>(contextMap));
    }
  }

  @Override
  public void pushByKey(String key, String value) {
    Map<String, Deque<String>> map = deques.get();
    if (map == null) {
      map = new HashMap<>();
      deques.set(map);
    }
    map.computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
  }

  @Override
  public String popByKey(String key) {
    Map<String, Deque<String>> map = deques.get();
    Deque<String> deque = map == null ? null : map.get(key);
    return deque == null ? null : deque.poll();
  }

  @Override
  public Deque<String> getCopyOfDequeByKey(String key) {
    Map<String, Deque<String>> map = deques.get();
    Deque<String> deque = map == null ? null : map.get(key);
    return deque == null ? null : new ArrayDeque<>(deque);
  }

  @Override
  public void clearDequeByKey(String key) {
    Map<String, Deque<String>> map = deques.get();
    if (map != null) {
      map.remove(key);
    }
  }
}
