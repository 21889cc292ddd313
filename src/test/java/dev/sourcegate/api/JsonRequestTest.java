package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.GetCommitResponse;
import dev.sourcegate.api.proto.GetCommitsRequest;
import dev.sourcegate.api.proto.GetCommitsResponse;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.api.proto.GithubAppRequest;
import dev.sourcegate.api.proto.GithubLoginRequest;
import dev.sourcegate.api.proto.GithubLoginResponse;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON request decoder's rules with their exact messages, and which refusal wins when a body breaks
 * several rules (not UTF-8, then too deep, then not JSON, then the wrong shape). ConnectCodecTest
 * covers the mapping itself.
 */
class JsonRequestTest {
  private static final String NOT_JSON = "request is not valid JSON for ";
  private static final String NOT_UTF8 = "request JSON is not UTF-8";
  private static final String TOO_DEEP = "request JSON nests deeper than 32 levels";
  private static final String NOT_OBJECT = "request must be a JSON object";

  private static Message decode(Buffer body, Message prototype) {
    return ConnectCodec.JSON.decode(body, prototype);
  }

  private static Message decode(String text, Message prototype) {
    return decode(Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)), prototype);
  }

  private static void assertRefused(String message, Buffer body, Message prototype) {
    RpcException e = assertThrows(RpcException.class, () -> decode(body, prototype));
    assertEquals(Code.INVALID_ARGUMENT, e.code(), e.getMessage());
    assertEquals(message, e.getMessage());
  }

  private static void assertRefused(String message, String text, Message prototype) {
    assertRefused(message, Buffer.buffer(text.getBytes(StandardCharsets.UTF_8)), prototype);
  }

  /** Text with the given raw bytes where "#" stands. */
  private static Buffer withBytes(String text, int... bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int hash = text.indexOf('#');
    out.writeBytes(text.substring(0, hash).getBytes(StandardCharsets.UTF_8));
    for (int b : bytes) {
      out.write(b);
    }
    out.writeBytes(text.substring(hash + 1).getBytes(StandardCharsets.UTF_8));
    return Buffer.buffer(out.toByteArray());
  }

  // ---------------------------------------------------------------- names

  @Test
  void aFieldGivenByItsJsonNameAndItsDeclaredNameIsGivenTwice() {
    assertRefused("field repositoryUrl is given twice",
        "{\"repositoryUrl\":\"https://github.com/a/b\",\"repository_url\":\"https://github.com/a/c\"}", GetCommitsRequest.getDefaultInstance());
    assertRefused("field tokenExpiresAt is given twice",
        "{\"token_expires_at\":\"1\",\"tokenExpiresAt\":2}", GithubLoginResponse.getDefaultInstance());
  }

  @Test
  void theSameNameTwiceIsNotJson() {
    assertRefused(NOT_JSON + "GetFileRequest", "{\"ref\":\"a\",\"ref\":\"b\"}", GetFileRequest.getDefaultInstance());
    assertRefused(NOT_JSON + "GetFileRequest", "{\"ref\":\"a\",\"ref\":null}", GetFileRequest.getDefaultInstance());
    // in an unknown field's object too
    assertRefused(NOT_JSON + "GetFileRequest", "{\"x\":[{\"a\":1,\"a\":2}]}", GetFileRequest.getDefaultInstance());
  }

  @Test
  void aNullOrDefaultValueDoesNotCountAsGiven() {
    // protobuf has no presence for these: null and "" leave the field unset, so the other name may follow
    GetCommitsRequest r = (GetCommitsRequest) decode("{\"repositoryUrl\":null,\"repository_url\":\"u\"}", GetCommitsRequest.getDefaultInstance());
    assertEquals("u", r.getRepositoryUrl());
    r = (GetCommitsRequest) decode("{\"repositoryUrl\":\"\",\"repository_url\":\"u\"}", GetCommitsRequest.getDefaultInstance());
    assertEquals("u", r.getRepositoryUrl());
    GithubLoginResponse l = (GithubLoginResponse) decode("{\"tokenExpiresAt\":\"0\",\"token_expires_at\":7}", GithubLoginResponse.getDefaultInstance());
    assertEquals(7L, l.getTokenExpiresAt());
  }

  @Test
  void namesAreCaseSensitiveAndOnlyTheTwoFormsAreAccepted() {
    GetFileRequest r = (GetFileRequest) decode("{\"repositoryUrl\":\"x\",\"REF\":\"y\",\"local_path\":\"z\"}", GetFileRequest.getDefaultInstance());
    assertEquals(GetFileRequest.getDefaultInstance(), r); // all three unknown
  }

  @Test
  void aNameLongerThanJacksonsLimitInCharsIsNotJson() {
    // the limit is 50000 chars, whatever their size in UTF-8
    String name = "\u20ac".repeat(50_000);
    assertEquals(GithubAppRequest.getDefaultInstance(), decode("{\"" + name + "\":1}", GithubAppRequest.getDefaultInstance()));
    assertRefused(NOT_JSON + "GithubAppRequest", "{\"" + name + "x\":1}", GithubAppRequest.getDefaultInstance());
  }

  // ---------------------------------------------------------------- unknown fields

  @Test
  void unknownValuesMustStillBeJson() {
    for (String value : List.of("[1,}", "{\"a\"}", "\"a\\q\"", "01", "NaN", "'a'", "[1 2]", "\"\\u00\"", "tru", "-", "1.")) {
      assertRefused(NOT_JSON + "GithubLoginRequest", "{\"authorizationCode\":\"c\",\"x\":" + value + "}", GithubLoginRequest.getDefaultInstance());
    }
  }

  @Test
  void depthCountsInsideUnknownFields() {
    String ok = "{\"x\":{\"y\":" + "[".repeat(30) + "]".repeat(30) + "}}";
    assertEquals(GithubAppRequest.getDefaultInstance(), decode(ok, GithubAppRequest.getDefaultInstance()));
    String deep = "{\"x\":{\"y\":" + "[".repeat(31) + "]".repeat(31) + "}}";
    assertRefused(TOO_DEEP, deep, GithubAppRequest.getDefaultInstance());
    String deepObjects = "{\"x\":" + "{\"a\":".repeat(32) + "1" + "}".repeat(33);
    assertRefused(TOO_DEEP, deepObjects, GithubAppRequest.getDefaultInstance());
  }

  @Test
  void invalidUtf8AnywhereIsRefused() {
    Message login = GithubLoginRequest.getDefaultInstance();
    // in an unknown field's string, in a name, outside strings, after a backslash
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":\"c\",\"x\":\"#\"}", 0xC3, 0x28), login);
    assertRefused(NOT_UTF8, withBytes("{\"x#\":1}", 0xFF), login);
    assertRefused(NOT_UTF8, withBytes("{\"x\":1}#", 0x80), login);
    assertRefused(NOT_UTF8, withBytes("{\"x\":\"\\#\"}", 0xC3), login);
    // forms Jackson's own UTF-8 decoding lets through: overlong, a surrogate, above U+10FFFF, cut short
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":\"#\"}", 0xC0, 0xAF), login);
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":\"#\"}", 0xE0, 0x80, 0xAF), login);
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":\"#\"}", 0xF0, 0x80, 0x80, 0xAF), login);
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":\"#\"}", 0xED, 0xA0, 0x80), login);
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":\"#\"}", 0xF4, 0x90, 0x80, 0x80), login);
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":\"c\"}#", 0xE2, 0x82), login);
    // in a long ASCII string, past the first eight bytes
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":\"abcdefghijklmnopq#rstuvwxyz\"}", 0xC3, 0x28), login);
  }

  @Test
  void everyUtf8FormIsRead() {
    String text = "a\u00e9\u0800\uffff\ud83d\ude00\udbff\udfff\u2028 \\\"";
    GithubLoginRequest r = (GithubLoginRequest) decode("{\"x\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"authorizationCode\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}", GithubLoginRequest.getDefaultInstance());
    assertEquals(text, r.getAuthorizationCode());
  }

  // ---------------------------------------------------------------- around the object

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{} ", "{}\n", " \t\r\n{}\r\n\t ", "{ }"})
  void whitespaceAroundTheObjectIsFine(String text) {
    assertEquals(GithubAppRequest.getDefaultInstance(), decode(text, GithubAppRequest.getDefaultInstance()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{} x", "{}{}", "{} {}", "{}]", "{}}", "{},", "{} 1", "{} null", "{} \"a\"", "{}/**/", "{}#"})
  void trailingDataIsNotJson(String text) {
    assertRefused(NOT_JSON + "GithubAppRequest", text, GithubAppRequest.getDefaultInstance());
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\n", " \t\r\n "})
  void aBodyOfWhitespaceIsNotAnObject(String text) {
    // (an empty body is "empty request body: send at least {}", see ConnectCodecTest)
    assertRefused(NOT_OBJECT, text, GithubAppRequest.getDefaultInstance());
  }

  @Test
  void aByteOrderMarkOrZeroBytesAreNotJson() {
    assertRefused(NOT_JSON + "GithubAppRequest", withBytes("#{}", 0xEF, 0xBB, 0xBF), GithubAppRequest.getDefaultInstance());
    // {} in UTF-16 is valid UTF-8, but not JSON
    assertRefused(NOT_JSON + "GithubAppRequest", withBytes("#", 0, '{', 0, '}'), GithubAppRequest.getDefaultInstance());
    assertRefused(NOT_JSON + "GithubAppRequest", withBytes("#", '{', 0, '}', 0), GithubAppRequest.getDefaultInstance());
    assertRefused(NOT_JSON + "GithubAppRequest", withBytes("{\"x\":\"#\"}", 0), GithubAppRequest.getDefaultInstance());
  }

  // ---------------------------------------------------------------- which refusal wins

  @Test
  void notUtf8WinsOverEverythingElse() {
    assertRefused(NOT_UTF8, withBytes("[" .repeat(40) + "#", 0xFF), GithubLoginRequest.getDefaultInstance());
    assertRefused(NOT_UTF8, withBytes("{\"authorizationCode\":1, x #", 0xFF), GithubLoginRequest.getDefaultInstance());
  }

  @Test
  void tooDeepWinsOverNotJsonAndTheWrongShape() {
    // brackets are counted outside strings, even in a body that is not JSON
    assertRefused(TOO_DEEP, "{\"a\": x " + "[".repeat(33), GithubLoginRequest.getDefaultInstance());
    assertRefused(TOO_DEEP, "{} " + "[".repeat(33), GithubLoginRequest.getDefaultInstance());
    assertRefused(TOO_DEEP, "[".repeat(33) + "]".repeat(33), GithubLoginRequest.getDefaultInstance());
  }

  @Test
  void notJsonAnywhereWinsOverTheWrongShape() {
    Message login = GithubLoginRequest.getDefaultInstance();
    assertRefused("field authorizationCode must be a string", "{\"authorizationCode\":1}", login);
    assertRefused(NOT_JSON + "GithubLoginRequest", "{\"authorizationCode\":1,\"x\":}", login);
    assertRefused(NOT_JSON + "GithubLoginRequest", "{\"authorizationCode\":[1,{\"a\":[}]}", login);
    assertRefused(NOT_JSON + "GithubLoginRequest", "{\"authorizationCode\":1} x", login);
    assertRefused(NOT_JSON + "GithubLoginRequest", "{\"authorizationCode\":1", login);
    assertRefused(NOT_JSON + "GithubLoginRequest", "[1,2] x", login);
    assertRefused(NOT_JSON + "GithubLoginRequest", "[1,2", login);
    assertRefused(NOT_OBJECT, "[1,2]", login);
  }

  @Test
  void theFirstWrongValueIsTheOneNamed() {
    assertRefused("field ref must be a string", "{\"ref\":1,\"localPath\":true}", GetFileRequest.getDefaultInstance());
    assertRefused("field localPath must be a string", "{\"x\":1,\"localPath\":true,\"ref\":1}", GetFileRequest.getDefaultInstance());
  }

  // ---------------------------------------------------------------- values

  @Test
  void int64BoundsAndForms() {
    Message login = GithubLoginResponse.getDefaultInstance();
    String notInteger = "field tokenExpiresAt must be an integer (a number or a string of digits)";
    assertEquals(Long.MAX_VALUE, ((GithubLoginResponse) decode("{\"tokenExpiresAt\":9223372036854775807}", login)).getTokenExpiresAt());
    assertEquals(Long.MIN_VALUE, ((GithubLoginResponse) decode("{\"tokenExpiresAt\":-9223372036854775808}", login)).getTokenExpiresAt());
    assertEquals(7L, ((GithubLoginResponse) decode("{\"tokenExpiresAt\":\"007\"}", login)).getTokenExpiresAt());
    assertEquals(-5L, ((GithubLoginResponse) decode("{\"tokenExpiresAt\":\"-5\"}", login)).getTokenExpiresAt());
    assertEquals(login, decode("{\"tokenExpiresAt\":\"-0\",\"refreshTokenExpiresAt\":-0}", login));
    for (String bad : List.of("9223372036854775808", "-9223372036854775809", "1.0", "1e2", "\"1234567890123456789\"", "\"\"", "\"-\"",
        "\"+1\"", "\" 1\"", "\"1.5\"", "\"\\u0661\"", "true", "[1]", "{}")) {
      assertRefused(notInteger, "{\"tokenExpiresAt\":" + bad + "}", login);
    }
  }

  @Test
  void nullMeansDefaultButNotInsideAnArrayOfStrings() {
    assertEquals(GetCommitsRequest.getDefaultInstance(), decode("{\"repositoryUrl\":null,\"refs\":null}", GetCommitsRequest.getDefaultInstance()));
    assertRefused("field refs must be a string", "{\"refs\":[\"a\",null]}", GetCommitsRequest.getDefaultInstance());
    assertEquals(List.of("", "a"), ((GetCommitsRequest) decode("{\"refs\":[\"\",\"a\"]}", GetCommitsRequest.getDefaultInstance())).getRefsList());
  }

  @Test
  void messagesNestAndNullItemsOfMessagesAreSkipped() {
    GetCommitsResponse r = (GetCommitsResponse) decode("{\"commits\":[null,{\"sha\":\"a\",\"author\":{\"login\":\"l\"}},{}]}",
        GetCommitsResponse.getDefaultInstance());
    assertEquals(2, r.getCommitsCount());
    assertEquals("l", r.getCommits(0).getAuthor().getLogin());
    // an empty object still sets the message
    assertTrue(((GetCommitResponse) decode("{\"author\":{}}", GetCommitResponse.getDefaultInstance())).hasAuthor());
    assertRefused(NOT_OBJECT, "{\"author\":\"x\"}", GetCommitResponse.getDefaultInstance());
    assertRefused(NOT_OBJECT, "{\"commits\":[1]}", GetCommitsResponse.getDefaultInstance());
    assertRefused("field login must be a string", "{\"author\":{\"login\":1}}", GetCommitResponse.getDefaultInstance());
  }

  // ---------------------------------------------------------------- buffers

  @Test
  void bodiesAreReadWhereverTheirBytesLie() {
    String json = "{\"authorizationCode\":\"c\u00e9\"}";
    GithubLoginRequest want = GithubLoginRequest.newBuilder().setAuthorizationCode("c\u00e9").build();
    // a slice of a larger heap buffer (an array offset), and a direct buffer (no array: copied)
    Buffer slice = Buffer.buffer("xx" + json + "yy").slice(2, 2 + json.getBytes(StandardCharsets.UTF_8).length);
    assertEquals(want, decode(slice, GithubLoginRequest.getDefaultInstance()));
    Buffer direct = BufferInternal.buffer(Unpooled.directBuffer().writeBytes(json.getBytes(StandardCharsets.UTF_8)));
    assertEquals(want, decode(direct, GithubLoginRequest.getDefaultInstance()));
    Buffer bad = Buffer.buffer("{}xx").slice(0, 3);
    assertRefused(NOT_JSON + "GithubLoginRequest", bad, GithubLoginRequest.getDefaultInstance());
  }

  @Test
  void decodingLeavesTheBodyAsItWas() {
    Buffer body = Buffer.buffer("{\"authorizationCode\":\"c\"}");
    Buffer copy = body.copy();
    decode(body, GithubLoginRequest.getDefaultInstance());
    assertEquals(copy, body);
  }
}
