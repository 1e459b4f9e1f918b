package dev.atelier.gateway.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.atelier.codecs.ContractJson;
import dev.atelier.codecs.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a request against its operation in the OpenAPI document: path, query and header
 * parameters, the content type and the JSON body. A broken rule is a {@link Failure#invalid}
 * naming the field ({@code variants[0].stock}, {@code limit}); malformed JSON or a missing
 * required header is HttpStatusFailure 400, a wrong content type 415. Problems answers either.
 *
 * <p>Built on vertx-openapi's contract (parsing, $ref resolution, parameter and body schemas) and
 * its JSON-schema validators, but not on its RequestValidator: that one hops to a worker thread
 * for every request (executeBlocking), and reads a string parameter that looks like a number
 * ({@code ?tag=2024}) as a number, then refuses it as "not a string". This checks on the calling
 * event loop, with validators compiled once per operation, and plain parameter schemas (a uuid,
 * bounded integer, enum) checked in Java ({@link SimpleParameterSchema}). An absent optional
 * parameter costs nothing.
 */
public final class ContractValidator {
  private final OpenAPIContract contract;
  private final Map<String, OperationRules> rules;

  private ContractValidator(OpenAPIContract contract) {
    this.contract = contract;
    this.rules = new HashMap<>();
    for (Operation operation : contract.operations()) {
      rules.put(operation.getOperationId(), compile(contract, operation));
    }
  }

  /** Builds the contract (validating the document against the OpenAPI 3.1 schema) and the rules. */
  public static Future<ContractValidator> create(Vertx vertx, OpenApiDocument document) {
    return OpenAPIContract.from(vertx, ValidationContract.adapt(document.json())).map(ContractValidator::new);
  }

  /** The parsed contract, e.g. for a ResponseValidator in tests. */
  public OpenAPIContract contract() {
    return contract;
  }

  public Future<Void> validate(RoutingContext ctx, String operationId) {
    return validate(RequestParts.of(ctx), operationId);
  }

  /** Succeeds, or fails with Failure (422) or HttpStatusFailure (400, 415); already completed on return. */
  public Future<Void> validate(RequestParts request, String operationId) {
    try {
      check(request, operationId);
      return Future.succeededFuture();
    } catch (Failure | HttpStatusFailure e) {
      return Future.failedFuture(e);
    }
  }

  /** The same check, throwing; for handlers that already run inside the router's failure handling. */
  public void check(RequestParts request, String operationId) {
    OperationRules operation = rules.get(operationId);
    if (operation == null) {
      throw new IllegalArgumentException("no operation " + operationId + " in the OpenAPI document");
    }
    for (ParameterRule parameter : operation.parameters()) {
      parameter.check(request);
    }
    if (operation.body() != null) {
      operation.body().check(request);
    }
  }

  private static OperationRules compile(OpenAPIContract contract, Operation operation) {
    var parameters = new ArrayList<ParameterRule>();
    for (Parameter p : operation.getParameters()) {
      if (p.getIn() == Location.COOKIE) {
        throw new IllegalStateException(operation.getOperationId() + ": cookie parameters are not used by this API");
      }
      parameters.add(new ParameterRule(p.getName(), p.getIn(), p.isRequired(), p.isExplode(),
          typeOf(p.getSchema()), itemTypeOf(p.getSchema()), SimpleParameterSchema.of(p.getSchema(), contract.getSchemaRepository()),
          contract.getSchemaRepository().validator(p.getSchema())));
    }
    RequestBody body = operation.getRequestBody();
    BodyRule bodyRule = null;
    if (body != null) {
      var byMediaType = new LinkedHashMap<String, Validator>();
      for (Map.Entry<String, MediaType> e : body.getContent().entrySet()) {
        String media = e.getKey().toLowerCase();
        JsonSchema schema = e.getValue().getSchema();
        // only JSON is parsed and checked here; another media type is accepted as it comes
        boolean json = media.equals("application/json") || media.endsWith("+json");
        byMediaType.put(media, schema == null || !json ? null : contract.getSchemaRepository().validator(schema));
      }
      bodyRule = new BodyRule(body.isRequired(), byMediaType);
    }
    return new OperationRules(List.copyOf(parameters), bodyRule);
  }

  private static String typeOf(JsonSchema schema) {
    Object type = schema.get("type");
    return type instanceof String s ? s : "string";
  }

  private static String itemTypeOf(JsonSchema schema) {
    Object items = schema.get("items");
    if (items instanceof JsonObject o && o.getValue("type") instanceof String s) {
      return s;
    }
    return "string";
  }

  private record OperationRules(List<ParameterRule> parameters, BodyRule body) {}

  private record ParameterRule(String name, Location in, boolean required, boolean explode, String type,
                               String itemType, SimpleParameterSchema simple, Validator validator) {
    void check(RequestParts request) {
      Object value = read(request);
      if (value == null) {
        if (!required) {
          return;
        }
        // API.md: a missing Idempotency-Key (the one required header) is 400 naming the header
        if (in == Location.HEADER) {
          throw new HttpStatusFailure(400, name + " header is required");
        }
        throw Failure.invalid(name, "is required");
      }
      if (simple != null) {
        simple.check(name, value);
        return;
      }
      OutputUnit result = validator.validate(value);
      if (!result.getValid()) {
        throw SchemaFailures.of(result, name);
      }
    }

    private Object read(RequestParts request) {
      return switch (in) {
        case PATH -> scalarOrArray(request.pathParams().get(name), null);
        case HEADER -> scalarOrArray(request.headers().get(name), null);
        case QUERY -> scalarOrArray(request.query().get(name), request.query().getAll(name));
        case COOKIE -> null;
      };
    }

    private Object scalarOrArray(String raw, List<String> all) {
      if (raw == null) {
        return null;
      }
      if (!type.equals("array")) {
        return scalar(raw, type);
      }
      var items = new JsonArray();
      List<String> parts = explode && all != null && all.size() > 1 ? all : raw.isEmpty() ? List.of() : List.of(raw.split(",", -1));
      for (String part : parts) {
        items.add(scalar(part.strip(), itemType));
      }
      return items;
    }

    /** A parameter's text as the JSON value its schema expects; left as text when it is not one. */
    private static Object scalar(String raw, String type) {
      switch (type) {
        case "integer":
          try {
            BigInteger n = new BigInteger(raw.strip());
            return n.bitLength() < 32 ? (Object) n.intValue() : n.bitLength() < 64 ? (Object) n.longValue() : n;
          } catch (NumberFormatException e) {
            return raw;
          }
        case "number":
          try {
            return Double.parseDouble(raw.strip());
          } catch (NumberFormatException e) {
            return raw;
          }
        case "boolean":
          return raw.equals("true") ? Boolean.TRUE : raw.equals("false") ? Boolean.FALSE : raw;
        default:
          return raw;
      }
    }
  }

  private record BodyRule(boolean required, Map<String, Validator> byMediaType) {
    void check(RequestParts request) {
      Buffer body = request.body();
      boolean empty = body == null || body.length() == 0;
      if (empty && !required) {
        return;
      }
      String media = request.contentType();
      if (!byMediaType.containsKey(media)) {
        throw new HttpStatusFailure(415, "send the body as " + String.join(" or ", byMediaType.keySet()));
      }
      if (empty) {
        throw new HttpStatusFailure(400, "a JSON object body is required");
      }
      Validator validator = byMediaType.get(media);
      if (validator == null) {
        return;
      }
      OutputUnit result;
      try {
        result = validator.validate(parse(body));
      } catch (HttpStatusFailure e) {
        throw e;
      } catch (RuntimeException validatorBug) {
        // the schema library tripped over a value (seen: format checks on odd strings): the value is
        // the client's to fix, the field unknown; the record's own rules still name it where they can
        throw Failure.invalid(null, "the body does not match the contract");
      }
      if (!result.getValid()) {
        throw SchemaFailures.of(result, "");
      }
    }

    /** With the contract's own reader, so a duplicate key or trailing garbage is refused here too. */
    private static Object parse(Buffer body) {
      try {
        return ContractJson.mapper().readValue(body.getBytes(), Object.class);
      } catch (JsonProcessingException e) {
        throw new HttpStatusFailure(400, "malformed JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new HttpStatusFailure(400, "unreadable body");
      }
    }
  }
}
