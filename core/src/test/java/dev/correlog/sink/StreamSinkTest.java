package dev.correlog.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.correlog.Level;
import dev.correlog.internal.sink.StreamSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamSinkTest {
  /** Records each write call; fails while {@code failures} is positive. */
  static final class RecordingStream extends OutputStream {
    final List<String> calls = new ArrayList<>();
    int failures;
    boolean closed;

    @Override
    public void write(int b) {
      throw new AssertionError("single-byte writes are not expected");
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (failures > 0) {
        failures--;
        throw new IOException("Broken pipe");
      }
      calls.add(new String(b, off, len, UTF_8));
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void writesEachLineInOneCallBeforeReturning() throws IOException {
    RecordingStream out = new RecordingStream();
    StreamSink sink = new StreamSink(out, "test");
    byte[] line = bytes("..{\"a\":1}\n..");
    sink.write(Level.INFO, line, 2, 8);

    assertThat(out.calls).containsExactly("{\"a\":1}\n");
  }

  @Test
  void writesABatchInOneCall() throws IOException {
    RecordingStream out = new RecordingStream();
    StreamSink sink = new StreamSink(out, "test");
    byte[] batch = bytes("{\"a\":1}\n{\"a\":2}\n");
    sink.writeBatch(batch, 0, batch.length, 2);

    assertThat(out.calls).containsExactly("{\"a\":1}\n{\"a\":2}\n");
  }

  @Test
  void throwsWhileTheStreamFailsAndWritesAgainWhenItRecovers() throws IOException {
    RecordingStream out = new RecordingStream();
    out.failures = 2;
    StreamSink sink = new StreamSink(out, "test");
    byte[] line = bytes("{}\n");

    assertThatThrownBy(() -> sink.write(Level.ERROR, line, 0, 3)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> sink.write(Level.ERROR, line, 0, 3)).isInstanceOf(IOException.class);
    sink.write(Level.ERROR, line, 0, 3);

    assertThat(out.calls).containsExactly("{}\n");
  }

  @Test
  void closeLeavesTheStreamOpen() throws IOException {
    RecordingStream out = new RecordingStream();
    new StreamSink(out, "test").close();

    assertThat(out.closed).isFalse();
  }

  @Test
  void stdoutAndStderrAreSharedInstances() {
    assertThat(Sinks.stdout()).isSameAs(Sinks.stdout()).hasToString("stdout");
    assertThat(Sinks.stderr()).isSameAs(Sinks.stderr()).hasToString("stderr");
  }
}
