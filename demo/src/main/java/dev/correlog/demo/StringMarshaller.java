package dev.correlog.demo;

import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** UTF-8 strings as gRPC messages: the demo's methods need no protobuf code generation. */
final class StringMarshaller implements MethodDescriptor.Marshaller<String> {
  static final StringMarshaller INSTANCE = new StringMarshaller();

  private StringMarshaller() {}

  /** A unary method of {@code service} taking and returning a string. */
  static MethodDescriptor<String, String> unary(String service, String method) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
        .setRequestMarshaller(INSTANCE)
        .setResponseMarshaller(INSTANCE)
        .build();
  }

  @Override
  public InputStream stream(String value) {
    return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String parse(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
