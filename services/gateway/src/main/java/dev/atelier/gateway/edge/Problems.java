package dev.atelier.gateway.edge;

import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Failure;
import dev.atelier.codecs.FailureCode;
import dev.atelier.runtime.ops.Correlation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place failures become HTTP: status, problem+json body and the headers that go with it. */
public final class Problems {
  private static final Logger log = LoggerFactory.getLogger(Problems.class);
  public static final String CONTENT_TYPE = "application/problem+json";
  private final int retryAfterSeconds;

  public Problems(int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static int status(FailureCode code) {
    // no default: a new code does not compile until it is mapped
    return switch (code) {
      case INVALID -> 422;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNAUTHORIZED -> 401;
      case FORBIDDEN -> 403;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
      case TIMEOUT -> 504;
      case INTERNAL -> 500;
    };
  }

  /** Answers with whatever failed the request: a Failure, a status set by Vert.x, or a bug. */
  public void handle(RoutingContext ctx) {
    Throwable cause = ctx.failure();
    if (cause instanceof Failure f) {
      send(ctx, f);
    } else if (cause instanceof HttpStatusFailure h) {
      send(ctx, h.status(), h.getMessage(), null);
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500 || ctx.statusCode() == 503 || ctx.statusCode() == 504) {
      // raised by vertx-web itself: 404, 405, 413 from the BodyHandler, 504 from the TimeoutHandler, ...
      send(ctx, ctx.statusCode(), defaultDetail(ctx.statusCode()), null);
    } else {
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
      send(ctx, 500, "an unexpected error occurred; quote the correlation id when reporting it", null);
    }
  }

  public void send(RoutingContext ctx, Failure f) {
    List<Problem.FieldError> errors = f.code() == FailureCode.INVALID
        ? List.of(new Problem.FieldError(f.field(), f.getMessage())) : null;
    String detail = f.code() == FailureCode.INVALID && f.field() != null ? f.field() + ": " + f.getMessage() : f.getMessage();
    if (f.code() == FailureCode.INTERNAL) {
      detail = "an unexpected error occurred; quote the correlation id when reporting it";
    }
    send(ctx, status(f.code()), detail, errors);
  }

  public void send(RoutingContext ctx, int status, String detail, List<Problem.FieldError> errors) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      ctx.request().connection().close();
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE);
    // a rate limiter's own Retry-After says when exactly; keep it
    if ((status == 503 || status == 429) && !response.headers().contains("Retry-After")) {
      response.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"atelier\"");
    }
    // refused before its body was read (a bad token, too large): the unread bytes would stall a
    // kept-alive connection, so this answer is its last
    boolean bodyUnread = !ctx.request().isEnded() && ctx.request().version() != HttpVersion.HTTP_2;
    if (bodyUnread) {
      response.putHeader("Connection", "close");
    }
    var problem = new Problem("https://atelier.dev/problems/" + slug(status), title(status), status, detail,
        Correlation.current(), errors);
    response.end(Buffer.buffer(ContractJson.toBytes(problem))).onComplete(done -> {
      if (bodyUnread) {
        ctx.request().connection().close();
      }
    });
  }

  static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 500 ? "Internal Server Error" : "Client Error";
    };
  }

  private static String slug(int status) {
    return title(status).toLowerCase().replace(' ', '-');
  }

  private static String defaultDetail(int status) {
    return switch (status) {
      case 404 -> "no such resource";
      case 405 -> "this method is not allowed on this resource";
      case 413 -> "the request body is larger than the limit";
      case 504 -> "the request did not complete in time";
      default -> title(status);
    };
  }
}
