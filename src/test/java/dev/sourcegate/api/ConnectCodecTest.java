package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.CommitAuthor;
import dev.sourcegate.api.proto.GetCommitResponse;
import dev.sourcegate.api.proto.GetCommitsRequest;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.api.proto.GetFileResponse;
import dev.sourcegate.api.proto.GithubAppRequest;
import dev.sourcegate.api.proto.GithubAppResponse;
import dev.sourcegate.api.proto.GithubLoginRequest;
import dev.sourcegate.api.proto.GithubLoginResponse;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Connect codecs: protobuf's canonical JSON mapping and binary (docs/api.md §1). */
class ConnectCodecTest {

  private static Message json(String text, Message prototype) {
    return ConnectCodec.JSON.decode(Buffer.buffer(text, "UTF-8"), prototype);
  }

  private static String print(Message m) {
    return ConnectCodec.JSON.encode(m).toString(StandardCharsets.UTF_8);
  }

  private static void assertInvalid(Runnable r) {
    RpcException e = assertThrows(RpcException.class, r::run);
    assertEquals(Code.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }

  // ---------------------------------------------------------------- field names

  @Test
  void getCommitsRequestAcceptsJsonNameAndOriginalName() {
    GetCommitsRequest camel = (GetCommitsRequest) json("{\"repositoryUrl\":\"https://github.com/a/b\",\"refs\":[\"main\",\"v1\"]}",
        GetCommitsRequest.getDefaultInstance());
    GetCommitsRequest snake = (GetCommitsRequest) json("{\"repository_url\":\"https://github.com/a/b\",\"refs\":[\"main\",\"v1\"]}",
        GetCommitsRequest.getDefaultInstance());
    assertEquals("https://github.com/a/b", camel.getRepositoryUrl());
    assertEquals(java.util.List.of("main", "v1"), camel.getRefsList());
    assertEquals(camel, snake);
    // output uses the json_name
    assertEquals(new JsonObject().put("repositoryUrl", "https://github.com/a/b").put("refs", new io.vertx.core.json.JsonArray().add("main").add("v1")),
        new JsonObject(print(camel)));
  }

  @Test
  void fieldDeclaredInCapitalsKeepsItsName() {
    GetFileRequest req = (GetFileRequest) json(
        "{\"repositoryURL\":\"https://github.com/a/b\",\"ref\":\"main\",\"localPath\":\"x.go\",\"rootPath\":\"r\",\"functionName\":\"main.main\"}",
        GetFileRequest.getDefaultInstance());
    assertEquals("https://github.com/a/b", req.getRepositoryURL());
    assertEquals("main", req.getRef());
    assertEquals("x.go", req.getLocalPath());
    assertEquals("r", req.getRootPath());
    assertEquals("main.main", req.getFunctionName());
    JsonObject out = new JsonObject(print(req));
    assertEquals("https://github.com/a/b", out.getString("repositoryURL"));
    assertFalse(out.containsKey("repositoryUrl"), out::encode);

    JsonObject file = new JsonObject(print(GetFileResponse.newBuilder().setContent("aGk=").setURL("https://github.com/a/b/blob/main/x.go").build()));
    assertEquals(new JsonObject().put("content", "aGk=").put("URL", "https://github.com/a/b/blob/main/x.go"), file);

    JsonObject app = new JsonObject(print(GithubAppResponse.newBuilder().setClientID("id").setCallbackURL("https://cb").build()));
    assertEquals(new JsonObject().put("clientID", "id").put("callbackURL", "https://cb"), app);
  }

  // ---------------------------------------------------------------- int64

  @Test
  void int64IsWrittenAsAString() {
    JsonObject out = new JsonObject(print(GithubLoginResponse.newBuilder()
        .setCookie("c").setToken("t").setTokenExpiresAt(1796148000250L).setRefreshTokenExpiresAt(1811930400250L).build()));
    assertEquals("1796148000250", out.getValue("tokenExpiresAt"));
    assertEquals("1811930400250", out.getValue("refreshTokenExpiresAt"));
    assertEquals("c", out.getString("cookie"));
    assertEquals("t", out.getString("token"));
    assertEquals(4, out.size(), out::encode);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"tokenExpiresAt\":\"1796148000250\",\"refreshTokenExpiresAt\":\"1811930400250\"}",
      "{\"tokenExpiresAt\":1796148000250,\"refreshTokenExpiresAt\":1811930400250}",
      "{\"token_expires_at\":\"1796148000250\",\"refresh_token_expires_at\":1811930400250}"})
  void int64IsReadFromStringOrNumber(String text) {
    GithubLoginResponse r = (GithubLoginResponse) json(text, GithubLoginResponse.getDefaultInstance());
    assertEquals(1796148000250L, r.getTokenExpiresAt());
    assertEquals(1811930400250L, r.getRefreshTokenExpiresAt());
  }

  // ---------------------------------------------------------------- unknown fields and defaults

  @Test
  void unknownFieldsAreIgnored() {
    GithubLoginRequest r = (GithubLoginRequest) json(
        "{\"authorizationCode\":\"abc\",\"state\":\"xyz\",\"nested\":{\"a\":[1,2,{\"b\":null}]},\"n\":3.5,\"flag\":true}",
        GithubLoginRequest.getDefaultInstance());
    assertEquals("abc", r.getAuthorizationCode());
    assertEquals(GithubAppRequest.getDefaultInstance(), json("{\"anything\":1}", GithubAppRequest.getDefaultInstance()));
  }

  @Test
  void defaultsAreOmittedOnOutput() {
    assertEquals("{}", print(GithubAppResponse.getDefaultInstance()));
    assertEquals("{}", print(GithubLoginResponse.getDefaultInstance()));
    assertEquals(new JsonObject().put("clientID", "id"), new JsonObject(print(GithubAppResponse.newBuilder().setClientID("id").build())));
    assertEquals(new JsonObject().put("cookie", "c"), new JsonObject(print(GithubLoginResponse.newBuilder().setCookie("c").build())));
  }

  @Test
  void anEmptyAuthorIsStillSentAsAnObject() {
    // a released client reads author.login without a guard
    JsonObject out = new JsonObject(print(GetCommitResponse.newBuilder().setSha("abc")
        .setAuthor(CommitAuthor.getDefaultInstance()).build()));
    assertEquals(new JsonObject(), out.getJsonObject("author"));
  }

  @Test
  void emptyObjectIsTheEmptyMessage() {
    assertEquals(GithubAppRequest.getDefaultInstance(), json("{}", GithubAppRequest.getDefaultInstance()));
    assertEquals(GithubLoginRequest.getDefaultInstance(), json(" { } ", GithubLoginRequest.getDefaultInstance()));
  }

  // ---------------------------------------------------------------- bad JSON

  @Test
  void emptyJsonBodyIsInvalidArgument() {
    assertInvalid(() -> ConnectCodec.JSON.decode(Buffer.buffer(), GithubAppRequest.getDefaultInstance()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"authorizationCode\":", "{\"authorizationCode\":\"abc\"", "not json", "}", "{\"authorizationCode\":\"a\",}"})
  void truncatedOrGarbageJsonIsInvalidArgument(String text) {
    assertInvalid(() -> json(text, GithubLoginRequest.getDefaultInstance()));
  }

  /** Not JSON by RFC 8259, although a lenient parser would read something out of it. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{authorizationCode:\"abc\"}", "{\"authorizationCode\":abc}", "{\"authorizationCode\":123abc}",
      "{'authorizationCode':'abc'}", "{\"authorizationCode\":\"abc\"} trailing", "{}{}", "{} []",
      "{\"authorizationCode\":\"abc\"} // comment", "{\"authorizationCode\"=\"abc\"}", "{\"authorizationCode\":\"abc\";}"})
  void malformedJsonIsInvalidArgumentEvenWhereALenientParserCopes(String text) {
    assertInvalid(() -> json(text, GithubLoginRequest.getDefaultInstance()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"str\"", "42", "null", "{\"authorizationCode\":{}}", "{\"authorizationCode\":[\"a\",\"b\"]}"})
  void jsonOfTheWrongShapeIsInvalidArgument(String text) {
    assertInvalid(() -> json(text, GithubLoginRequest.getDefaultInstance()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"tokenExpiresAt\":\"soon\"}", "{\"tokenExpiresAt\":1.5}", "{\"tokenExpiresAt\":\"99999999999999999999\"}"})
  void badInt64IsInvalidArgument(String text) {
    assertInvalid(() -> json(text, GithubLoginResponse.getDefaultInstance()));
  }

  @Test
  void deepNestingIsInvalidArgument() {
    String deep = "{\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertInvalid(() -> json(deep, GithubAppRequest.getDefaultInstance()));
    String deepObjects = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
    assertInvalid(() -> json(deepObjects, GithubAppRequest.getDefaultInstance()));
  }

  @Test
  void modestNestingAndBracketsInsideStringsAreFine() {
    String nested = "{\"authorizationCode\":\"c\",\"x\":" + "[".repeat(10) + "]".repeat(10) + "}";
    assertEquals("c", ((GithubLoginRequest) json(nested, GithubLoginRequest.getDefaultInstance())).getAuthorizationCode());
    String brackets = "[".repeat(500) + "{\\\"";
    GithubLoginRequest r = (GithubLoginRequest) json("{\"authorizationCode\":\"" + brackets + "\"}", GithubLoginRequest.getDefaultInstance());
    assertEquals("[".repeat(500) + "{\"", r.getAuthorizationCode());
  }

  @Test
  void nonUtf8IsInvalidArgument() {
    Buffer body = Buffer.buffer("{\"authorizationCode\":\"").appendBytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3}).appendString("\"}");
    assertInvalid(() -> ConnectCodec.JSON.decode(body, GithubLoginRequest.getDefaultInstance()));
    Buffer latin1 = Buffer.buffer("{\"authorizationCode\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
    assertInvalid(() -> ConnectCodec.JSON.decode(latin1, GithubLoginRequest.getDefaultInstance()));
  }

  @Test
  void utf8IsDecoded() {
    GithubLoginRequest r = (GithubLoginRequest) json("{\"authorizationCode\":\"caf\u00e9 \u2603 \\u00e9\"}", GithubLoginRequest.getDefaultInstance());
    assertEquals("caf\u00e9 \u2603 \u00e9", r.getAuthorizationCode());
  }

  // ---------------------------------------------------------------- binary

  @Test
  void binaryRoundTrips() {
    GithubLoginResponse m = GithubLoginResponse.newBuilder().setCookie("c").setToken("t").setTokenExpiresAt(5).build();
    Buffer bytes = ConnectCodec.PROTO.encode(m);
    assertEquals(Buffer.buffer(m.toByteArray()), bytes);
    assertEquals(m, ConnectCodec.PROTO.decode(bytes, GithubLoginResponse.getDefaultInstance()));
  }

  @Test
  void emptyBinaryBodyIsTheEmptyMessage() {
    assertEquals(GithubAppRequest.getDefaultInstance(), ConnectCodec.PROTO.decode(Buffer.buffer(), GithubAppRequest.getDefaultInstance()));
    assertEquals(GithubLoginRequest.getDefaultInstance(), ConnectCodec.PROTO.decode(Buffer.buffer(), GithubLoginRequest.getDefaultInstance()));
  }

  @Test
  void malformedBinaryIsInvalidArgument() {
    // field 1, length-delimited, claims 5 bytes but carries 1
    assertInvalid(() -> ConnectCodec.PROTO.decode(Buffer.buffer(new byte[] {0x0a, 0x05, 'a'}), GithubLoginRequest.getDefaultInstance()));
    // a JSON body sent as binary
    assertInvalid(() -> ConnectCodec.PROTO.decode(Buffer.buffer("{\"authorizationCode\":\"a\"}"), GithubLoginRequest.getDefaultInstance()));
  }

  // ---------------------------------------------------------------- content types

  @ParameterizedTest
  @ValueSource(strings = {
      "application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8", "Application/JSON",
      "APPLICATION/JSON; CHARSET=UTF-8", "application/json; charset=\"utf-8\"", " application/json "})
  void jsonContentTypes(String header) {
    assertEquals(Optional.of(ConnectCodec.JSON), ConnectCodec.forContentType(header));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/proto", "Application/Proto", "APPLICATION/PROTO"})
  void protoContentTypes(String header) {
    assertEquals(Optional.of(ConnectCodec.PROTO), ConnectCodec.forContentType(header));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "text/plain", "application/json; charset=latin1", "application/json; charset=iso-8859-1",
      "application/json; charset=utf-16", "application/grpc", "application/grpc+proto", "application/connect+json",
      "application/x-www-form-urlencoded", "application/jsonx", "application/protobuf", "json", "*/*"})
  void otherContentTypesAreRefused(String header) {
    assertEquals(Optional.empty(), ConnectCodec.forContentType(header));
  }

  @Test
  void missingContentTypeIsRefused() {
    assertEquals(Optional.empty(), ConnectCodec.forContentType(null));
  }

  @Test
  void codecsAnswerWithTheirOwnContentType() {
    assertEquals("application/json", ConnectCodec.JSON.contentType());
    assertEquals("application/proto", ConnectCodec.PROTO.contentType());
    assertTrue(HttpVerticle.ACCEPT_POST.contains("application/json"));
    assertTrue(HttpVerticle.ACCEPT_POST.contains("application/proto"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "aGVsbG8=|https://github.com/o/r/blob/main/a.go",
      "|https://github.com/o/r/blob/main/\"quoted\" \u00e9\u2028.go",
      "QUJD|",
      "|"})
  void fileAnswersWrittenDirectlyReadTheSameAsProtobufsPrinter(String content, String url) throws Exception {
    dev.sourcegate.api.proto.GetFileResponse r = dev.sourcegate.api.proto.GetFileResponse.newBuilder()
        .setContent(content == null ? "" : content).setURL(url == null ? "" : url).build();
    String fast = ConnectCodec.JSON.encode(r).toString(java.nio.charset.StandardCharsets.UTF_8);
    String reference = com.google.protobuf.util.JsonFormat.printer().omittingInsignificantWhitespace().print(r);
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    org.junit.jupiter.api.Assertions.assertEquals(m.readTree(reference), m.readTree(fast), fast);
    org.junit.jupiter.api.Assertions.assertEquals(r, json(fast, dev.sourcegate.api.proto.GetFileResponse.getDefaultInstance()));
  }

  // ---------------------------------------------------------------- lone surrogates and invalid UTF-8

  @ParameterizedTest
  @ValueSource(strings = {"\\ud800", "\\udfff", "a\\ud800b", "\\ud800\\ud800", "\\ude00\\ud83d", "x\\udbff"})
  void anEscapedLoneSurrogateIsInvalidArgumentNamingTheField(String escaped) {
    RpcException e = assertThrows(RpcException.class,
        () -> json("{\"repositoryURL\":\"https://github.com/a/b\",\"localPath\":\"" + escaped + "\"}", GetFileRequest.getDefaultInstance()));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals("field localPath is not valid Unicode (a lone surrogate)", e.getMessage());
  }

  @Test
  void aLoneSurrogateInARepeatedStringIsInvalidArgument() {
    assertInvalid(() -> json("{\"repositoryUrl\":\"https://github.com/a/b\",\"refs\":[\"main\",\"v\\ud800\"]}",
        GetCommitsRequest.getDefaultInstance()));
  }

  @Test
  void anEscapedSurrogatePairIsOneCharacter() {
    GetFileRequest r = (GetFileRequest) json("{\"localPath\":\"a\\ud83d\\ude00.go\"}", GetFileRequest.getDefaultInstance());
    assertEquals("a\ud83d\ude00.go", r.getLocalPath());
  }

  /** Field 3 (localPath) of GetFileRequest holding raw bytes: an encoded surrogate, a stray byte, a cut sequence. */
  @ParameterizedTest
  @ValueSource(strings = {"eda080", "ff", "c3", "e282", "c0af", "f4908080"})
  void invalidUtf8InABinaryStringFieldIsInvalidArgument(String hex) {
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    Buffer body = Buffer.buffer().appendByte((byte) 0x1a).appendByte((byte) bad.length).appendBytes(bad);
    RpcException e = assertThrows(RpcException.class, () -> ConnectCodec.PROTO.decode(body, GetFileRequest.getDefaultInstance()));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals("request GetFileRequest holds a string that is not UTF-8", e.getMessage());
  }

  @Test
  void validUtf8InABinaryStringFieldIsRead() {
    byte[] ok = "a\ud83d\ude00é".getBytes(StandardCharsets.UTF_8);
    Buffer body = Buffer.buffer().appendByte((byte) 0x1a).appendByte((byte) ok.length).appendBytes(ok);
    assertEquals("a\ud83d\ude00é", ((GetFileRequest) ConnectCodec.PROTO.decode(body, GetFileRequest.getDefaultInstance())).getLocalPath());
  }
}
