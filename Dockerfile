# syntax=docker/dockerfile:1
#
# sourcegate container image: `docker build -t sourcegate:0.1.0 .`
# Stage 1 builds the fat jar with Maven on JDK 17; stage 2 runs it on a JRE 17 as a non-root user.
# The same image, without a Docker daemon: `mvn -B compile jib:build -Dimage=REGISTRY/sourcegate:TAG` (pom.xml).
# Keep USER, EXPOSE and the JVM flags in step with pom.xml (Jib) and k8s/: DockerfileTest checks them.

########## stage 1: build ##########
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# An explicit local repository inside the image, so the downloaded dependencies are part of this layer
# whatever the base image declares about ~/.m2.
ENV MAVEN_REPO=/build/.m2
# Dependencies first: this layer is rebuilt only when pom.xml changes, not on every source edit.
COPY pom.xml ./
RUN mvn -B -q -Dmaven.repo.local=${MAVEN_REPO} dependency:go-offline
# Then the sources. Not offline (-o): go-offline does not see everything (the os-maven-plugin extension's
# protoc binary, the plugins' own late dependencies); the few that are left are fetched here.
COPY src ./src
RUN mvn -B -Dmaven.repo.local=${MAVEN_REPO} -DskipTests package

########## stage 2: runtime ##########
FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK. The Temurin 17 images carry curl today, but newer Temurin images dropped it,
# so it is installed explicitly (a no-op where it is already there). A small HTTP client is the cheapest
# reliable probe: a second JVM per check would cost ~100 MB and a second of CPU every interval, and a
# hand-written HTTP exchange over bash's /dev/tcp is fragile (timeouts, status parsing).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 sourcegate \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin sourcegate

WORKDIR /app
# Owned by root and read-only to the gateway: the process cannot change its own code or configuration.
# conf/sourcegate.yaml is read relative to the working directory; the environment overrides it.
COPY --from=build /build/target/sourcegate.jar /app/sourcegate.jar
COPY conf/ /app/conf/

ENV SOURCEGATE_PORT=8080
# /healthz, /readyz and /metrics, outside the API port's connection cap
ENV SOURCEGATE_MANAGEMENT_PORT=8081
EXPOSE 8080 8081

# Numeric UID:GID so that Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001

# Docker and docker compose use this; Kubernetes ignores it and uses the probes in k8s/.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SOURCEGATE_MANAGEMENT_PORT}/healthz" || exit 1

# The gateway handles SIGTERM itself: readiness turns false, in-flight requests finish within
# SOURCEGATE_SHUTDOWN_GRACE_MS, exit 0. java runs as PID 1 (exec form), so it receives the signal directly.
STOPSIGNAL SIGTERM
# The JVM flags of conf/jvm.options (why each: there), spelled out so that the image does not depend on the
# working directory: heap as half the container's memory limit, everything beside it bounded, so that the
# gateway fits a 512 MiB sidecar; on OutOfMemoryError exit at once so the orchestrator restarts a clean
# process. More JVM options at run time: JDK_JAVA_OPTIONS (read by the java launcher).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=96m", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/sourcegate.jar"]
