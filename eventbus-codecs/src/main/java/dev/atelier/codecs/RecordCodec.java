package dev.atelier.codecs;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Carries one record type: by reference inside a JVM (records are immutable, so sharing is safe)
 * and as length-prefixed JSON between cluster nodes.
 */
public final class RecordCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;

  public RecordCodec(Class<T> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    this.type = type;
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    byte[] json = ContractJson.toBytes(value);
    buffer.appendInt(json.length).appendBytes(json);
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return ContractJson.fromBytes(buffer.getBytes(pos + 4, pos + 4 + length), type);
  }

  @Override
  public T transform(T value) {
    return value;
  }

  @Override
  public String name() {
    return "atelier:" + type.getName();
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  public Class<T> type() {
    return type;
  }
}
