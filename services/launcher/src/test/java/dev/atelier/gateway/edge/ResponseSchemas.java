package dev.atelier.gateway.edge;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.Map;

/**
 * Checks a response (status, content type, body) against the schema the document gives for it,
 * with vertx-openapi's ResponseValidator; for tests that hold a real or golden response.
 */
final class ResponseSchemas {
  private final ResponseValidator validator;

  ResponseSchemas(Vertx vertx, ContractValidator contract) {
    this.validator = ResponseValidator.create(vertx, contract.contract());
  }

  /** Throws AssertionError with vertx-openapi's reason when the response breaks its documented shape. */
  void assertDocumented(String operationId, int status, String contentType, String body) {
    var response = body == null
        ? ValidatableResponse.create(status)
        : ValidatableResponse.create(status, Map.of(), Buffer.buffer(body), ValidationContract.mediaType(contentType));
    try {
      validator.validate(response, operationId).await();
    } catch (RuntimeException e) {
      throw new AssertionError(operationId + " " + status + " " + contentType + ": " + e.getMessage(), e);
    }
  }
}
