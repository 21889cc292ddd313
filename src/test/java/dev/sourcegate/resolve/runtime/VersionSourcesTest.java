package dev.sourcegate.resolve.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of file, each way of writing a version in it, and what the runtime's version becomes. */
class VersionSourcesTest {

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of(".java-version", "21.0.5\n", Runtime.JDK, "21.0.5"),
        Arguments.of(".java-version", "# jenv\n17\n", Runtime.JDK, "17"),
        Arguments.of(".java-version", "1.8\n", Runtime.JDK, "8"),
        Arguments.of(".java-version", "temurin-17.0.9+9\n", Runtime.JDK, "17.0.9"),
        Arguments.of(".sdkmanrc", "# sdk env\njava=21.0.5-tem\nkotlin=2.0.21\n", Runtime.JDK, "21.0.5"),
        Arguments.of(".sdkmanrc", "java=21.0.5-tem\nkotlin=2.0.21\n", Runtime.KOTLIN, "2.0.21"),
        Arguments.of(".sdkmanrc", "java=8.0.392-tem\n", Runtime.JDK, "8u392"),
        Arguments.of(".tool-versions", "nodejs 20.11.1\npython 3.12.4 3.11.9\n", Runtime.PYTHON, "3.12.4"),
        Arguments.of(".tool-versions", "nodejs 20.11.1 # pinned\n", Runtime.NODE, "20.11.1"),
        Arguments.of(".tool-versions", "java temurin-21.0.5+11.0.LTS\n", Runtime.JDK, "21.0.5"),
        Arguments.of(".tool-versions", "ruby 3.3.0\n", Runtime.RUBY, "3.3.0"),
        Arguments.of(".tool-versions", "rust 1.78.0\n", Runtime.RUST, "1.78.0"),
        Arguments.of(".nvmrc", "v20.11.1\n", Runtime.NODE, "20.11.1"),
        Arguments.of(".nvmrc", "20\n", Runtime.NODE, "20"),
        Arguments.of(".node-version", "18.19.0", Runtime.NODE, "18.19.0"),
        Arguments.of(".python-version", "3.11\n", Runtime.PYTHON, "3.11"),
        Arguments.of(".ruby-version", "ruby-3.2.2\n", Runtime.RUBY, "3.2.2"),
        Arguments.of("rust-toolchain", "1.77.2\n", Runtime.RUST, "1.77.2"),
        Arguments.of("rust-toolchain.toml", "[toolchain]\nchannel = \"1.79.0\"\ncomponents = [\"clippy\"]\n", Runtime.RUST, "1.79.0"),
        Arguments.of("rust-toolchain", "[toolchain]\nchannel = \"nightly-2024-05-01\"\n", Runtime.RUST, "nightly-2024-05-01"),
        Arguments.of("pom.xml", pom("<maven.compiler.release>17</maven.compiler.release><java.version>11</java.version>"), Runtime.JDK, "17"),
        Arguments.of("pom.xml", pom("<java.version>21</java.version>"), Runtime.JDK, "21"),
        Arguments.of("pom.xml", pom("<maven.compiler.source>1.8</maven.compiler.source><maven.compiler.target>1.8</maven.compiler.target>"), Runtime.JDK, "8"),
        Arguments.of("pom.xml", pom("<kotlin.version>1.9.24</kotlin.version>"), Runtime.KOTLIN, "1.9.24"),
        Arguments.of("build.gradle.kts", "java {\n  toolchain { languageVersion.set(JavaLanguageVersion.of(21)) }\n}\n", Runtime.JDK, "21"),
        Arguments.of("build.gradle.kts", "plugins {\n  kotlin(\"jvm\") version \"2.0.21\"\n}\nkotlin { jvmToolchain(17) }\n", Runtime.KOTLIN, "2.0.21"),
        Arguments.of("build.gradle.kts", "plugins {\n  kotlin(\"jvm\") version \"2.0.21\"\n}\nkotlin { jvmToolchain(17) }\n", Runtime.JDK, "17"),
        Arguments.of("build.gradle", "plugins { id 'org.jetbrains.kotlin.jvm' version '1.9.22' }\nsourceCompatibility = JavaVersion.VERSION_17\n", Runtime.KOTLIN, "1.9.22"),
        Arguments.of("build.gradle", "sourceCompatibility = JavaVersion.VERSION_17\n", Runtime.JDK, "17"),
        Arguments.of("build.gradle", "// sourceCompatibility = 11\ntargetCompatibility = JavaVersion.VERSION_1_8\n", Runtime.JDK, "8"),
        Arguments.of("build.gradle", "sourceCompatibility = '11'\n", Runtime.JDK, "11"),
        Arguments.of("package.json", "{\"engines\": {\"node\": \">=18\"}}", Runtime.NODE, "18"),
        Arguments.of("package.json", "{\"engines\": {\"node\": \"^20.11.0\"}}", Runtime.NODE, "20.11.0"),
        Arguments.of("package.json", "{\"engines\": {\"node\": \"20.x || >=18.17 <19\"}}", Runtime.NODE, "18.17"),
        Arguments.of("package.json", "{\"engines\": {\"node\": \"<21 >=18\"}}", Runtime.NODE, "18"),
        Arguments.of("pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.10,<4\"\n", Runtime.PYTHON, "3.10"),
        Arguments.of("pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.11\"\n", Runtime.PYTHON, "3.11"),
        Arguments.of("Gemfile", "source 'https://rubygems.org'\nruby \"3.3.0\"\ngem 'rails'\n", Runtime.RUBY, "3.3.0"),
        Arguments.of("Gemfile", "ruby '~> 3.2'\n", Runtime.RUBY, "3.2"),
        Arguments.of("Dockerfile", "FROM eclipse-temurin:21-jre\n", Runtime.JDK, "21"),
        Arguments.of("Dockerfile", "FROM openjdk:17-jdk-slim\n", Runtime.JDK, "17"),
        Arguments.of("Dockerfile", "FROM amazoncorretto:21\n", Runtime.JDK, "21"),
        Arguments.of("Dockerfile", "FROM --platform=linux/amd64 node:20-alpine AS run\n", Runtime.NODE, "20"),
        Arguments.of("Dockerfile", "FROM python:3.12-slim\n", Runtime.PYTHON, "3.12"),
        Arguments.of("Dockerfile", "FROM ruby:3.3\n", Runtime.RUBY, "3.3"),
        Arguments.of("Dockerfile", "FROM maven:3.9-eclipse-temurin-21 AS build\nFROM eclipse-temurin:17.0.9_9-jre\nFROM gcr.io/distroless/base\n", Runtime.JDK, "17.0.9"),
        Arguments.of("Dockerfile", "FROM node:18 AS build\nFROM node:20.11.1-slim\n", Runtime.NODE, "20.11.1"));
  }

  @ParameterizedTest(name = "{0} {2} -> {3}")
  @MethodSource("files")
  void readsTheVersion(String fileName, String text, Runtime runtime, String expected) {
    VersionSource source = VersionSources.ALL.stream().filter(s -> s.fileName().equals(fileName)).findFirst().orElseThrow();
    Optional<String> raw = Optional.ofNullable(source.read(text).get(runtime));
    assertEquals(Optional.of(expected), raw.flatMap(r -> VersionText.normalize(runtime, r)));
  }

  static Stream<Arguments> tellNothing() {
    return Stream.of(
        Arguments.of(".nvmrc", "lts/iron\n", Runtime.NODE),
        Arguments.of("pom.xml", pom("<java.version>${other}</java.version>"), Runtime.JDK),
        Arguments.of("pom.xml", "<project><properties><java.version>17", Runtime.JDK),
        Arguments.of("package.json", "{\"engines\": {\"npm\": \">=9\"}}", Runtime.NODE),
        Arguments.of("package.json", "not json", Runtime.NODE),
        Arguments.of("pyproject.toml", "[project\nbroken", Runtime.PYTHON),
        Arguments.of("Dockerfile", "ARG V=21\nFROM eclipse-temurin:${V}\n", Runtime.JDK),
        Arguments.of("Dockerfile", "FROM gcr.io/distroless/java21\n", Runtime.JDK),
        Arguments.of("Gemfile", "ruby file: \".ruby-version\"\n", Runtime.RUBY));
  }

  @ParameterizedTest(name = "{0} tells nothing: {1}")
  @MethodSource("tellNothing")
  void unreadableOrUnpinnedFilesTellNothing(String fileName, String text, Runtime runtime) {
    VersionSource source = VersionSources.ALL.stream().filter(s -> s.fileName().equals(fileName)).findFirst().orElseThrow();
    assertEquals(Optional.empty(), Optional.ofNullable(source.read(text).get(runtime)).flatMap(r -> VersionText.normalize(runtime, r)));
  }

  /** XXE: a DOCTYPE with an external entity is refused, so the file tells nothing and nothing is read. */
  @org.junit.jupiter.api.Test
  void aPomWithADoctypeIsRefused() {
    String hostile = "<?xml version=\"1.0\"?>\n<!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
        + "<project><properties><java.version>&x;</java.version><kotlin.version>1.9.0</kotlin.version></properties></project>";
    assertEquals(Map.of(), new PomXml().read(hostile));
  }

  @org.junit.jupiter.api.Test
  void jdkEightUpdatesKeepTheirUpdateNumber() {
    assertEquals(Optional.of("8u392"), VersionText.normalize(Runtime.JDK, "1.8.0_392"));
    assertEquals(Optional.of("8u392"), VersionText.normalize(Runtime.JDK, "jdk8u392-b08"));
  }

  private static String pom(String properties) {
    return "<?xml version=\"1.0\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
        + "<properties>" + properties + "</properties>"
        + "<profiles><profile><properties><java.version>99</java.version></properties></profile></profiles></project>";
  }
}
