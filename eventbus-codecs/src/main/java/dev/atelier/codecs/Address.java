package dev.atelier.codecs;

import java.util.Objects;

/**
 * A request/reply address on the event bus, typed by what it takes and what it answers.
 * One constant binds the caller and the handler, so a mismatched type does not compile.
 */
public record Address<Req, Res>(String name, Class<Req> requestType, Class<Res> replyType) {
  public Address {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(requestType, "requestType");
    Objects.requireNonNull(replyType, "replyType");
    if (!name.matches("[a-z]+(\\.[a-z][a-zA-Z]*)+")) {
      throw new IllegalArgumentException("address must read <service>.<noun>.<verb>: " + name);
    }
  }

  public static <Req, Res> Address<Req, Res> of(String name, Class<Req> requestType, Class<Res> replyType) {
    return new Address<>(name, requestType, replyType);
  }

  /** The service that serves this address: the first segment of its name. */
  public String service() {
    return name.substring(0, name.indexOf('.'));
  }
}
