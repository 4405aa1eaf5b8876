package dev.correlog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free copy of plain strings agrees with the per-character table on every char. */
class JsonTextCopyPlainTest {

  @Test
  void everyChar_aloneAndAmongPlainOnes_isPlainExactlyWhenTheTableSaysSo() {
    byte[] b = new byte[40];
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      char ch = (char) c;
      boolean plain = JsonText.plain(ch);
      assertThat(JsonText.copyPlain(String.valueOf(ch), 1, b, 3)).as("U+%04X", c).isEqualTo(plain);
      String among = "ab" + ch + "yz";
      assertThat(JsonText.copyPlain(among, 5, b, 0)).as("U+%04X among", c).isEqualTo(plain);
      if (plain) {
        assertThat(b[2]).isEqualTo((byte) c);
      }
    }
  }

  @Test
  void randomStrings_matchTheTable_andCopyEveryByte() {
    SplittableRandom r = new SplittableRandom(15);
    byte[] b = new byte[64];
    for (int round = 0; round < 20_000; round++) {
      int n = r.nextInt(33);
      StringBuilder s = new StringBuilder();
      boolean plain = true;
      for (int i = 0; i < n; i++) {
        char c = (char) (r.nextInt(10) == 0 ? r.nextInt(0x10000) : r.nextInt(0x20, 0x80));
        plain &= JsonText.plain(c);
        s.append(c);
      }
      assertThat(JsonText.copyPlain(s.toString(), n, b, 1)).isEqualTo(plain);
      for (int i = 0; i < n; i++) {
        assertThat(b[1 + i]).isEqualTo((byte) s.charAt(i));
      }
    }
  }
}
