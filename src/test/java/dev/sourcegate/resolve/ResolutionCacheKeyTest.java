package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sourcegate.resolve.ResolutionCache.Key;
import org.junit.jupiter.api.Test;

/** The cache key's hand-written equality is a record's: every part counts, nulls included. */
class ResolutionCacheKeyTest {
  private static Key key(String repo, String ref, String local, String root, String fn) {
    return new Key(repo, ref, local, root, fn);
  }

  @Test
  void equalPartsMakeEqualKeysWithEqualHashes() {
    Key a = key("acme/shop", "main", "Cart.java", "", "com/acme/Cart.run");
    Key b = key(new String("acme/shop"), new String("main"), new String("Cart.java"), new String(""), new String("com/acme/Cart.run"));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(key(null, "main", null, null, null), key(null, "main", null, null, null));
    assertEquals(key(null, null, null, null, null).hashCode(), key(null, null, null, null, null).hashCode());
  }

  @Test
  void anyDifferentPartMakesADifferentKey() {
    Key a = key("acme/shop", "main", "Cart.java", "", "fn");
    assertNotEquals(a, key("acme/shop2", "main", "Cart.java", "", "fn"));
    assertNotEquals(a, key("acme/shop", "dev", "Cart.java", "", "fn"));
    assertNotEquals(a, key("acme/shop", "main", "Order.java", "", "fn"));
    assertNotEquals(a, key("acme/shop", "main", "Cart.java", "app", "fn"));
    assertNotEquals(a, key("acme/shop", "main", "Cart.java", "", "fn2"));
    assertNotEquals(a, key("acme/shop", "main", "Cart.java", null, "fn"));
    assertNotEquals(a, (Object) "acme/shop");
  }

  @Test
  void canonicalKeysOfEqualPartsAreOneInstance() {
    Key a = Key.of("acme/shop", "main", "Cart.java", "", "com/acme/Cart.run");
    Key b = Key.of(new String("acme/shop"), new String("main"), new String("Cart.java"), new String(""),
        new String("com/acme/Cart.run"));
    assertSame(a, b);
    assertEquals(key("acme/shop", "main", "Cart.java", "", "com/acme/Cart.run"), a);
    assertNotSame(a, Key.of("acme/shop", "main", "Cart.java", "", "com/acme/Cart.other"));
  }
}
