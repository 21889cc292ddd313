/*
 * A stand-in for OpenJDK's java/util/HashMap.java (openjdk/jdk21u, tag jdk-21.0.5-ga), served by the
 * sourcegate demo's simulated GitHub so the page can show a JDK frame without the network. The real
 * file is GPLv2 with the Classpath Exception and some 2,500 lines long.
 */
package java.util;

public class HashMap<K, V> extends AbstractMap<K, V> implements Map<K, V>, Cloneable, java.io.Serializable {

    public V put(K key, V value) {
        return putVal(hash(key), key, value, false, true);
    }

    final V putVal(int hash, K key, V value, boolean onlyIfAbsent, boolean evict) {
        // the real method finds the bin of the hash, walks it (a list or a red-black tree) and inserts
        throw new UnsupportedOperationException("demo stand-in");
    }
}
