package dev.atelier.runtime.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a route answers: a status, headers, and a body that is either a contract record (sent as
 * JSON through ContractJson), JSON bytes already encoded (a cached product document), or other
 * bytes with their media type (a generated image).
 */
public final class ApiReply {
  private final int status;
  private final Object body;
  private final byte[] rawJson;
  private String contentType;
  private byte[] bytes;
  private final Map<String, String> headers = new LinkedHashMap<>(4);

  private ApiReply(int status, Object body, byte[] rawJson) {
    this.status = status;
    this.body = body;
    this.rawJson = rawJson;
  }

  public static ApiReply ok(Object body) {
    return new ApiReply(200, body, null);
  }

  public static ApiReply status(int status, Object body) {
    return new ApiReply(status, body, null);
  }

  /** 201 with {@code Location}. */
  public static ApiReply created(String location, Object body) {
    return new ApiReply(201, body, null).header("Location", location);
  }

  /** 202 with {@code Location}: accepted, and where to follow it. */
  public static ApiReply accepted(String location, Object body) {
    return new ApiReply(202, body, null).header("Location", location);
  }

  public static ApiReply noContent() {
    return new ApiReply(204, null, null);
  }

  public static ApiReply rawJson(int status, byte[] json) {
    return new ApiReply(status, null, json);
  }

  /** Bytes that are not JSON, sent as they are with {@code contentType}. */
  public static ApiReply bytes(int status, String contentType, byte[] bytes) {
    var reply = new ApiReply(status, null, null);
    reply.contentType = contentType;
    reply.bytes = bytes;
    return reply;
  }

  public ApiReply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  /** The record to encode, or null (see {@link #rawJson()}; both null: no body). */
  public Object body() {
    return body;
  }

  public byte[] rawJson() {
    return rawJson;
  }

  /** The bytes of a non-JSON reply, or null. */
  public byte[] bytes() {
    return bytes;
  }

  public String contentType() {
    return contentType;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
