package dev.correlog.testing;

import dev.correlog.propagation.Carriers;
import dev.correlog.propagation.Getter;
import dev.correlog.propagation.Setter;
import java.util.HashMap;
import java.util.Map;

/** {@link Carriers#MAP_GETTER} and {@link Carriers#MAP_SETTER} against the carrier contract. */
class MapCarrierContractTest extends CarrierContract<Map<String, String>> {
  @Override
  protected Map<String, String> newCarrier() {
    return new HashMap<>();
  }

  @Override
  protected Getter<Map<String, String>> getter() {
    return Carriers.MAP_GETTER;
  }

  @Override
  protected Setter<Map<String, String>> setter() {
    return Carriers.MAP_SETTER;
  }

  @Override
  protected void put(Map<String, String> carrier, String key, String value) {
    carrier.put(key, value);
  }
}
