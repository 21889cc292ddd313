package dev.sourcegate.api;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.GetCommitRequest;
import dev.sourcegate.api.proto.GetCommitsRequest;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.api.proto.GithubAppRequest;
import dev.sourcegate.api.proto.GithubLoginRequest;
import dev.sourcegate.api.proto.GithubRefreshRequest;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The RPC -> event-bus table: every method of vcs.v1.VCSService, its request type and who serves it.
 * Login methods go to the auth verticle; source methods first get the caller's session from the auth
 * verticle, then go to the resolver.
 */
public enum Rpc {
  GITHUB_APP("GithubApp", GithubAppRequest.getDefaultInstance(), Route.AUTH),
  GITHUB_LOGIN("GithubLogin", GithubLoginRequest.getDefaultInstance(), Route.AUTH),
  GITHUB_REFRESH("GithubRefresh", GithubRefreshRequest.getDefaultInstance(), Route.AUTH),
  GET_FILE("GetFile", GetFileRequest.getDefaultInstance(), Route.SOURCE),
  GET_COMMIT("GetCommit", GetCommitRequest.getDefaultInstance(), Route.SOURCE),
  GET_COMMITS("GetCommits", GetCommitsRequest.getDefaultInstance(), Route.SOURCE);

  public static final String SERVICE_PATH = "/vcs.v1.VCSService/";

  /** Who answers a method. */
  public enum Route { AUTH, SOURCE }

  private static final Map<String, Rpc> BY_PATH =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(Rpc::path, Function.identity()));

  private final String method;
  private final Message prototype;
  private final Route route;

  Rpc(String method, Message prototype, Route route) {
    this.method = method;
    this.prototype = prototype;
    this.route = route;
  }

  public String method() {
    return method;
  }

  public String path() {
    return SERVICE_PATH + method;
  }

  public Message prototype() {
    return prototype;
  }

  public Route route() {
    return route;
  }

  public static Rpc byPath(String path) {
    return BY_PATH.get(path);
  }
}
