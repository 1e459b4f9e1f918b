package dev.atelier.codecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.atelier.codecs.platform.EventEnvelope;
import dev.atelier.codecs.users.AccountRules;
import dev.atelier.codecs.users.UserRegistered;
import dev.atelier.codecs.users.UsersApi;
import dev.atelier.codecs.users.UsersContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every topic's record against its JSON Schema (API.md, "Domain events"): the contract's sample,
 * written by ContractJson, must validate, alone and inside an envelope; the record's fields must be
 * the schema's properties; and mutations of the sample the schema should refuse must be refused,
 * so a validator that lets everything through cannot pass this test.
 */
class EventSchemaContractTest {
  private static final Path SOURCES = Path.of("src/main/resources");
  // formats are only annotations in 2020-12 unless asserted: a uuid that is not one must fail here
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
      b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
  private static final UUID AGGREGATE = UUID.fromString("0b7e1c52-1d0e-4c51-9a53-6a2f3a0f9c01");
  private static final Instant AT = Instant.parse("2026-12-02T10:15:30.123456Z");

  private record Case(Topic<?> topic, Object sample) {}

  private static List<Case> cases() {
    var all = new ArrayList<Case>();
    for (ServiceContract c : Contracts.all()) {
      for (Topic<?> t : c.topics()) {
        assertThat(c.samples()).as(c.service() + " has a sample of " + t.eventType().getSimpleName()).containsKey(t.eventType());
        all.add(new Case(t, c.samples().get(t.eventType())));
      }
    }
    return all;
  }

  @Test
  @DisplayName("the catalog's and the users' topics are among those found")
  void discovery() {
    assertThat(cases()).extracting(c -> c.topic().type())
        .contains("product.created", "product.updated", "product.deleted", "user.registered");
  }

  @TestFactory
  Stream<DynamicTest> samplesValidate() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.topic().type() + ": the sample validates, alone and in an envelope", () -> {
      String resource = EventSchemas.resource(c.topic());
      JsonNode schema = tree(EventSchemas.read(resource));
      assertThat(schema.path("$id").asText()).isEqualTo(EventSchemas.id(resource));
      assertThat(schema.path("title").asText()).isEqualTo(c.topic().type());

      String payload = ContractJson.toText(c.sample());
      assertValid(resource, payload);
      // a first event of a chain: correlated, caused by nothing, so causationId is left out
      var envelope = new EventEnvelope(UUID.randomUUID(), c.topic().type(), 1, AT, "req-4f2a9c", null, AGGREGATE,
          ContractJson.mapper().readTree(payload));
      assertValid(EventSchemas.ENVELOPE, ContractJson.toText(envelope));
      assertValid(resource, ContractJson.toText(envelope.payload()));
    }));
  }

  @TestFactory
  Stream<DynamicTest> recordsAndSchemasNameTheSameFields() {
    var checks = new LinkedHashMap<String, Class<?>>();
    cases().forEach(c -> checks.put(EventSchemas.resource(c.topic()), c.topic().eventType()));
    checks.put(EventSchemas.ENVELOPE, EventEnvelope.class);
    return checks.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " has the fields of " + e.getValue().getSimpleName(), () -> {
      JsonNode schema = tree(EventSchemas.read(e.getKey()));
      sameFields(ContractJson.mapper().constructType(e.getValue()), schema, schema, e.getKey());
    }));
  }

  @Test
  @DisplayName("every schema under events/ belongs to a topic or is the envelope's, and is itself valid 2020-12")
  void noOrphans() throws IOException {
    var expected = new ArrayList<String>(List.of(EventSchemas.ENVELOPE));
    cases().forEach(c -> expected.add(EventSchemas.resource(c.topic())));
    List<String> found;
    try (Stream<Path> files = Files.list(SOURCES.resolve(EventSchemas.FOLDER))) {
      found = files.map(f -> EventSchemas.FOLDER + f.getFileName()).toList();
    }
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);

    Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    for (String resource : found) {
      assertThat(meta.validate(EventSchemas.read(resource), InputFormat.JSON)).as(resource + " against the 2020-12 meta-schema").isEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> theValidatorBites() {
    var subjects = new LinkedHashMap<String, String>();
    cases().forEach(c -> subjects.put(EventSchemas.resource(c.topic()), ContractJson.toText(c.sample())));
    subjects.put(EventSchemas.ENVELOPE, ContractJson.toText(Contracts.all().stream()
        .map(c -> c.samples().get(EventEnvelope.class)).filter(s -> s != null).findFirst().orElseThrow()));
    return subjects.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " refuses a broken sample", () -> {
      JsonNode schema = tree(EventSchemas.read(e.getKey()));
      Map<String, JsonNode> broken = refusals(tree(e.getValue()), schema);
      assertThat(broken).as("mutations of the sample").isNotEmpty();
      broken.forEach((what, json) -> assertThat(errors(e.getKey(), json.toString())).as(what).isNotEmpty());
    }));
  }

  @Test
  @DisplayName("the envelope's own rules: a version from 1, a type that reads <noun>.<past tense>")
  void envelopeRules() {
    ObjectNode sample = (ObjectNode) tree(ContractJson.toText(new EventEnvelope(UUID.randomUUID(), "product.deleted", 1, AT,
        null, null, AGGREGATE, ContractJson.mapper().createObjectNode())));
    assertValid(EventSchemas.ENVELOPE, sample.toString());
    assertThat(errors(EventSchemas.ENVELOPE, sample.deepCopy().put("version", 0).toString())).isNotEmpty();
    assertThat(errors(EventSchemas.ENVELOPE, sample.deepCopy().put("type", "ProductDeleted").toString())).isNotEmpty();
    assertThat(errors(EventSchemas.ENVELOPE, sample.deepCopy().put("payload", "{}").toString())).isNotEmpty();
  }

  @Test
  @DisplayName("user.registered takes every address registration takes, and refuses one it refuses")
  void registeredEmails() {
    var user = (UserRegistered) new UsersContract().samples().get(UserRegistered.class);
    String resource = EventSchemas.resource(UsersApi.USER_REGISTERED);
    for (String email : List.of("a..b@example.com", "zoë@example.com", "o'brien@example.ie")) {
      var registered = new UserRegistered(user.userId(), AccountRules.email(email), user.name(), user.role(), user.registeredAt());
      assertValid(resource, ContractJson.toText(registered));
    }
    assertThat(errors(resource, ContractJson.toText(user).replace("ada@example.com", "ada@localhost"))).isNotEmpty();
  }

  /**
   * Each change to a valid sample that its schema must refuse, named for the failure message: at
   * every object the schema describes, an extra property, each required property removed, each
   * present property set to null (ContractJson leaves nulls out) and each formatted one malformed.
   */
  private static Map<String, JsonNode> refusals(JsonNode sample, JsonNode root) {
    var out = new LinkedHashMap<String, JsonNode>();
    objects(sample, root, root, "", (pointer, schema) -> {
      out.put("extra property at '" + pointer + "'", change(sample, pointer, o -> o.put("unexpected", true)));
      schema.path("required").forEach(r -> out.put("'" + pointer + "/" + r.asText() + "' left out",
          change(sample, pointer, o -> o.remove(r.asText()))));
      schema.get("properties").properties().forEach(p -> {
        String name = p.getKey();
        JsonNode property = deref(p.getValue(), root);
        if (!sample.at(pointer).has(name)) {
          return;
        }
        if (!property.path("type").toString().contains("\"null\"")) {
          out.put("'" + pointer + "/" + name + "' null", change(sample, pointer, o -> o.putNull(name)));
        }
        if (property.has("format")) {
          out.put("'" + pointer + "/" + name + "' not a " + property.get("format").asText(),
              change(sample, pointer, o -> o.put(name, "not-a-" + property.get("format").asText())));
        }
      });
    });
    return out;
  }

  /** Walks the instance with its schema, handing over each object whose properties the schema names. */
  private static void objects(JsonNode instance, JsonNode schema, JsonNode root, String pointer, BiConsumer<String, JsonNode> visit) {
    JsonNode s = deref(schema, root);
    if (instance.isObject() && s.has("properties")) {
      visit.accept(pointer, s);
      s.get("properties").properties().forEach(p -> {
        if (instance.has(p.getKey())) {
          objects(instance.get(p.getKey()), p.getValue(), root, pointer + "/" + p.getKey(), visit);
        }
      });
    } else if (instance.isArray() && s.has("items")) {
      for (int i = 0; i < instance.size(); i++) {
        objects(instance.get(i), s.get("items"), root, pointer + "/" + i, visit);
      }
    }
  }

  /**
   * The schema's properties are the ones Jackson writes for the record, down through nested records
   * and lists of them; a primitive is always written, so it must be required; an enum lists exactly
   * its constants' JSON. A field added to a record but left null in its sample is caught here.
   */
  private static void sameFields(JavaType type, JsonNode schema, JsonNode root, String where) {
    JsonNode s = deref(schema, root);
    List<BeanPropertyDefinition> fields = ContractJson.mapper().getSerializationConfig().introspect(type).findProperties();
    var names = new ArrayList<String>();
    s.path("properties").fieldNames().forEachRemaining(names::add);
    assertThat(names).as(where + ": properties against " + type.getRawClass().getSimpleName())
        .containsExactlyInAnyOrderElementsOf(fields.stream().map(BeanPropertyDefinition::getName).toList());
    for (BeanPropertyDefinition f : fields) {
      String at = where + "/" + f.getName();
      JavaType t = f.getPrimaryType();
      JsonNode property = deref(s.get("properties").get(f.getName()), root);
      if (t.isPrimitive()) {
        assertThat(s.path("required").toString()).as(at + " is primitive, so always written").contains("\"" + f.getName() + "\"");
      }
      if (t.isCollectionLikeType()) {
        t = t.getContentType();
        property = property.path("items");
      }
      if (t.isRecordType()) {
        sameFields(t, property, root, at);
      } else if (t.isEnumType()) {
        var constants = Arrays.stream(t.getRawClass().getEnumConstants()).map(ContractJson::toText).toList();
        var listed = new ArrayList<String>();
        property.path("enum").forEach(v -> listed.add(v.toString()));
        assertThat(listed).as(at + " lists the enum's JSON").containsExactlyInAnyOrderElementsOf(constants);
      }
    }
  }

  private static JsonNode deref(JsonNode schema, JsonNode root) {
    String ref = schema.path("$ref").asText("");
    return ref.startsWith("#") ? deref(root.at(ref.substring(1)), root) : schema;
  }

  private static JsonNode change(JsonNode sample, String pointer, Consumer<ObjectNode> edit) {
    JsonNode copy = sample.deepCopy();
    edit.accept((ObjectNode) copy.at(pointer));
    return copy;
  }

  private static void assertValid(String resource, String json) {
    assertThat(errors(resource, json)).as(json + " against " + resource).isEmpty();
  }

  private static List<com.networknt.schema.Error> errors(String resource, String json) {
    return SCHEMAS.computeIfAbsent(resource, r -> REGISTRY.getSchema(EventSchemas.read(r), InputFormat.JSON))
        .validate(json, InputFormat.JSON);
  }

  private static JsonNode tree(String json) {
    try {
      return ContractJson.mapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
