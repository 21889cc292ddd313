package dev.sourcegate.fetch.graphql;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.source.GitBlobId;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GraphQL endpoint a test answers by hand: every POST waits until the test answers (or fails) it. Its
 * answer gives each asked file the text "REF:PATH" (each blob asked by oid the text "OID@OWNER/REPO"), so a
 * caller can tell that it got its own answers and not another caller's.
 */
final class HeldGraphQl implements GraphQlClient.Transport {
  record Post(String query, long deadline, Promise<UpstreamResponse> answer) {}

  private static final Pattern REPOSITORY = Pattern.compile(
      "(r\\d+): repository\\(owner: \"([^\"]*)\", name: \"([^\"]*)\"\\) \\{(.*?)(?= r\\d+: repository\\(| rateLimit )");
  private static final Pattern OBJECT = Pattern.compile("(\\w+): object\\((expression|oid): \"([^\"]*)\"\\)");
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  final List<Post> posts = Collections.synchronizedList(new ArrayList<>());

  @Override
  public Future<UpstreamResponse> post(String url, MultiMap headers, Buffer body, int maxBytes, long deadlineMillis) {
    Promise<UpstreamResponse> answer = Promise.promise();
    posts.add(new Post(body.toJsonObject().getString("query"), deadlineMillis, answer));
    return answer.future();
  }

  GraphQlClient client() {
    return new GraphQlClient(this, URI.create("http://127.0.0.1/api/graphql"), new GraphQlBudget(), System::currentTimeMillis, 1 << 24);
  }

  Post post(int i) {
    return posts.get(i);
  }

  /** Answers post i as GitHub would if every file existed with the text described above. */
  void answer(int i) {
    Post p = posts.get(i);
    JsonObject data = new JsonObject();
    Matcher repo = REPOSITORY.matcher(p.query());
    while (repo.find()) {
      JsonObject block = new JsonObject().put("url", "https://github.com/" + repo.group(2) + "/" + repo.group(3));
      Matcher object = OBJECT.matcher(repo.group(4));
      while (object.find()) {
        String alias = object.group(1);
        if (alias.startsWith("c")) {
          block.put(alias, new JsonObject().put("oid", COMMIT));
          continue;
        }
        String text = object.group(2).equals("oid") ? object.group(3) + "@" + repo.group(2) + "/" + repo.group(3) : object.group(3);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        block.put(alias, new JsonObject().put("oid", GitBlobId.of(bytes)).put("byteSize", bytes.length)
            .put("isBinary", false).put("isTruncated", false).put("text", text));
      }
      data.put(repo.group(1), block);
    }
    data.put("rateLimit", new JsonObject().put("cost", 1).put("remaining", 4000).put("resetAt", "2099-01-01T00:00:00Z"));
    p.answer().complete(new UpstreamResponse(200, MultiMap.caseInsensitiveMultiMap(), new JsonObject().put("data", data).toBuffer()));
  }

  /** Post i fails as a whole, as a connection error would. */
  void fail(int i) {
    posts.get(i).answer().fail(new IllegalStateException("connection reset"));
  }

  /** How many look-ups (file or by oid) post i asked. */
  int objectsIn(int i) {
    Matcher m = Pattern.compile("f\\d+: object\\(").matcher(posts.get(i).query());
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
