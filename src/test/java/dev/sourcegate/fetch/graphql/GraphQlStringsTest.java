package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.parser.Parser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paths and refs are user input: they enter a query only as correctly escaped string literals. */
class GraphQlStringsTest {
  @Test
  void quotesAndBackslashesAreEscapedAndUnicodeKept() {
    assertEquals("\"a\\\"b\\\\c\"", GraphQlStrings.quote("a\"b\\c", "path"));
    assertEquals("\"ünï/日本/😀\"", GraphQlStrings.quote("ünï/日本/😀", "path"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "a\tb", "a\u007fb", "a\u0085b", "a\ud800b", "a\udc00"})
  void controlCharactersAndBrokenUnicodeAreRefusedAsInvalidArgument(String bad) {
    RpcException e = assertThrows(RpcException.class, () -> GraphQlStrings.quote(bad, "path"));
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().startsWith("path "), e.getMessage());
  }

  @Test
  void aQueryCannotBeEscapedFromThroughAPathOrRef() {
    String hostile = "x\") { id } viewer { login } a: object(expression: \"y";
    String text = BlobQuery.of(List.of(new FileLookup("o", "r", "main", hostile))).text();
    OperationDefinition op = (OperationDefinition) Parser.parse(text).getDefinitions().get(0);
    List<Field> top = op.getSelectionSet().getSelectionsOfType(Field.class);
    assertEquals(List.of("repository", "rateLimit"), top.stream().map(Field::getName).toList());
    List<Field> fields = top.get(0).getSelectionSet().getSelectionsOfType(Field.class);
    // the repository's url, the file's object, the ref's commit object, the ref's root listing: nothing
    // smuggled beside them
    assertEquals(List.of("url", "object", "object", "object"), fields.stream().map(Field::getName).toList());
    assertEquals("main:" + hostile, ((StringValue) fields.get(1).getArguments().get(0).getValue()).getValue());
    assertEquals("main", ((StringValue) fields.get(2).getArguments().get(0).getValue()).getValue());
    assertEquals("main:", ((StringValue) fields.get(3).getArguments().get(0).getValue()).getValue());
  }

  @Test
  void aRefWithAColonOrAnEmptyPathIsRefused() {
    assertThrows(RpcException.class, () -> BlobQuery.of(List.of(new FileLookup("o", "r", "main:x", "y"))));
    assertThrows(RpcException.class, () -> BlobQuery.of(List.of(new FileLookup("o", "r", "main", ""))));
    assertThrows(RpcException.class, () -> CommitQuery.plan("o", "r", List.of("a:b")));
  }
}
