package dev.atelier.runtime.http;

import dev.atelier.codecs.users.Role;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One row of the gateway's route table, declared by the service that answers it: method, path,
 * the OpenAPI operation, who may call it, the record its body is read into, whether it takes an
 * {@code Idempotency-Key}, its rate-limit class, the account a body targets (for a stricter limit
 * per account, as login has per email), and the downstream call.
 *
 * <pre>{@code
 * ApiRoute.post("/api/products", "createProduct").roles(Role.MERCHANT).body(ProductDraft.class).idempotent()
 *     .handle(req -> services.call(CatalogApi.CREATE_PRODUCT, ...).map(p -> ApiReply.created(...)));
 * }</pre>
 */
public record ApiRoute(HttpMethod method, String path, String operationId, Set<Role> roles, Class<?> bodyType,
                       boolean bodyOptional, boolean idempotent, String rateClass, Function<Object, String> accountOf,
                       Function<ApiRequest, Future<ApiReply>> handler) {
  /** Rate-limit classes every deployment configures ({@code rateLimit.<class>}). */
  public static final String READ = "read";
  public static final String WRITE = "write";
  public static final String AUTH = "auth";

  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(operationId, "operationId");
    roles = roles.isEmpty() ? Set.of() : Set.copyOf(roles);
    Objects.requireNonNull(rateClass, "rateClass");
    Objects.requireNonNull(handler, "handler");
    if (accountOf != null && bodyType == null) {
      throw new IllegalArgumentException(path + ": a per-account limit reads the account from the body");
    }
    if (idempotent && roles.isEmpty()) {
      throw new IllegalArgumentException(path + ": idempotency keys are kept per user, so the route needs roles");
    }
  }

  /** Anyone may call it, with or without a token. */
  public boolean isPublic() {
    return roles.isEmpty();
  }

  public boolean takesBody() {
    return bodyType != null;
  }

  public static Builder get(String path, String operationId) {
    return new Builder(HttpMethod.GET, path, operationId);
  }

  public static Builder post(String path, String operationId) {
    return new Builder(HttpMethod.POST, path, operationId);
  }

  public static Builder put(String path, String operationId) {
    return new Builder(HttpMethod.PUT, path, operationId);
  }

  public static Builder patch(String path, String operationId) {
    return new Builder(HttpMethod.PATCH, path, operationId);
  }

  public static Builder delete(String path, String operationId) {
    return new Builder(HttpMethod.DELETE, path, operationId);
  }

  /** Declares a route step by step; public, bodiless and not idempotent until told otherwise. */
  public static final class Builder {
    private final HttpMethod method;
    private final String path;
    private final String operationId;
    private Set<Role> roles = Set.of();
    private Class<?> bodyType;
    private boolean bodyOptional;
    private boolean idempotent;
    private String rateClass;
    private Function<Object, String> accountOf;

    private Builder(HttpMethod method, String path, String operationId) {
      this.method = method;
      this.path = path;
      this.operationId = operationId;
    }

    /** Only callers with one of these roles (403 for others, 401 without a valid token). */
    public Builder roles(Role first, Role... more) {
      this.roles = EnumSet.of(first, more);
      return this;
    }

    /** Any authenticated caller. */
    public Builder authenticated() {
      this.roles = EnumSet.allOf(Role.class);
      return this;
    }

    public Builder body(Class<?> type) {
      this.bodyType = type;
      return this;
    }

    /** A body the client may leave out; the handler then gets no body ({@code ApiRequest.optionalBody}). */
    public Builder optionalBody(Class<?> type) {
      this.bodyType = type;
      this.bodyOptional = true;
      return this;
    }

    /** Requires {@code Idempotency-Key}: a repeat answers the first response again. */
    public Builder idempotent() {
      this.idempotent = true;
      return this;
    }

    public Builder rateClass(String rateClass) {
      this.rateClass = rateClass;
      return this;
    }

    /**
     * Also limits requests per account named in the body ({@code rateLimit.loginEmail}), so
     * guessing one account's password from many addresses is throttled too.
     */
    public <B> Builder limitPerAccount(Class<B> type, Function<B, String> account) {
      this.bodyType = type;
      this.accountOf = body -> account.apply(type.cast(body));
      return this;
    }

    public ApiRoute handle(Function<ApiRequest, Future<ApiReply>> handler) {
      String rc = rateClass != null ? rateClass : method == HttpMethod.GET ? READ : WRITE;
      return new ApiRoute(method, path, operationId, roles, bodyType, bodyOptional, idempotent, rc, accountOf, handler);
    }
  }
}
