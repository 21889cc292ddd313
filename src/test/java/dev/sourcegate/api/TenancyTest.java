package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tenant validation (docs/api.md §3), the same rules as Pyroscope's X-Scope-OrgID. */
class TenancyTest {
  private final Tenancy multi = new Tenancy(true);
  private final Tenancy single = new Tenancy(false);

  private static RpcException rejected(Tenancy t, String header) {
    RpcException e = assertThrows(RpcException.class, () -> t.tenantOf(header), () -> "tenant " + header);
    assertEquals(Code.UNAUTHENTICATED, e.code(), e.getMessage());
    return e;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "anonymous", "tenant-a", "Tenant_B", "0", "a", "org.123", "..a", "a..", "...", "!-_.*'()", "A1b2C3",
      "team(one)", "it's", "a*", "x!y", "-", "_"})
  void validTenantsAreTheirOwnId(String id) {
    assertEquals(id, multi.tenantOf(id));
    assertEquals(id, Tenancy.validate(id));
  }

  @Test
  void oneHundredFiftyCharactersIsTheLimit() {
    String max = "a".repeat(150);
    assertEquals(max, multi.tenantOf(max));
    rejected(multi, "a".repeat(151));
    rejected(multi, "b".repeat(1000));
  }

  @ParameterizedTest
  @NullAndEmptySource
  void missingTenantIsNoOrgId(String header) {
    assertEquals("no org id", rejected(multi, header).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {".", ".."})
  void dotAndDotDotAreRejected(String id) {
    rejected(multi, id);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a/b", "/", "../etc", "a b", " ", " tenant", "tenant ", "a#b", "a|b", "tenant-a|tenant-b", "caf\u00e9", "\u00fcber",
      "\u79df\u6237", "emoji\uD83D\uDE00", "a\\b", "a:b", "a;b", "a,b", "a\"b", "a%2Fb", "a?b", "a&b", "a=b", "a@b",
      "a+b", "a$b", "a<b>", "a[b]", "a{b}", "a^b", "a`b", "a~b", "tab\t", "new\nline", "nul\u0000"})
  void disallowedCharactersAreRejected(String id) {
    RpcException e = rejected(multi, id);
    assertFalse(e.getMessage().equals("no org id"), "a bad id is not a missing one");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"tenant-a", "a/b", ".", "..", "a b", "caf\u00e9"})
  void singleTenantIgnoresTheHeader(String header) {
    assertEquals("anonymous", single.tenantOf(header));
    assertEquals(Tenancy.ANONYMOUS, single.tenantOf(header));
  }

  @Test
  void singleTenantIgnoresEvenAnOverlongHeader() {
    assertEquals("anonymous", single.tenantOf("x".repeat(151)));
  }

  @Test
  void theHeaderIsXScopeOrgId() {
    assertEquals("X-Scope-OrgID", Tenancy.HEADER);
  }
}
