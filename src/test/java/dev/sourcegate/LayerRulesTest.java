package dev.sourcegate;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering, checked on the compiled main classes (tests may reach anywhere). The generated
 * protobuf classes (api.proto) are the wire contract every layer may use.
 */
class LayerRulesTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("dev.sourcegate");
  }

  @Test
  void noCyclesBetweenTopLevelPackages() {
    slices().matching("dev.sourcegate.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void noCyclesBetweenSubpackages() {
    slices().matching("dev.sourcegate.(**)").should().beFreeOfCycles().check(main);
  }

  /**
   * The order of the README's package table: each package uses only packages before it (and the
   * generated protobuf classes, the wire contract).
   */
  private static final List<String> BOTTOM_UP = List.of(
      "rpc", "source", "settings", "ops", "bus", "fetch", "configloader", "auth", "resolve", "api", "demo");

  @Test
  void eachPackageUsesOnlyThePackagesBelowIt() {
    LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("proto").definedBy("dev.sourcegate.api.proto..");
    for (String name : BOTTOM_UP) {
      // api's own classes only: its subpackage proto is the layer above
      layers = layers.layer(name).definedBy(name.equals("api") ? "dev.sourcegate.api" : "dev.sourcegate." + name + "..");
    }
    List<String> below = new ArrayList<>(List.of("proto"));
    layers = layers.whereLayer("proto").mayNotAccessAnyLayer();
    for (String name : BOTTOM_UP) {
      layers = layers.whereLayer(name).mayOnlyAccessLayers(below.toArray(String[]::new));
      below.add(name);
    }
    layers.check(main);
  }

  /** The shared vocabulary uses nothing of ours: it reports bad input with its own InvalidSourceInput. */
  @Test
  void sourceDependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("dev.sourcegate.source..")
        .should().dependOnClassesThat(resideInAPackage("dev.sourcegate..").and(resideOutsideOfPackage("dev.sourcegate.source..")))
        .check(main);
  }

  @Test
  void rpcDependsOnNothingOfOurs() {
    noClasses().that().resideInAPackage("dev.sourcegate.rpc..")
        .should().dependOnClassesThat(resideInAPackage("dev.sourcegate..").and(resideOutsideOfPackage("dev.sourcegate.rpc..")))
        .check(main);
  }

  /** Upstream hosts are reached only through fetch, behind its SSRF and isolation guards. */
  @Test
  void onlyFetchTalksToUpstreamHosts() {
    noClasses().that().resideOutsideOfPackages("dev.sourcegate.fetch..", "dev.sourcegate.demo.github..")
        .should().dependOnClassesThat().resideInAPackage("io.vertx.ext.web.client..")
        .orShould().dependOnClassesThat().haveNameMatching("io\\.vertx\\.core\\.http\\.HttpClient.*")
        .check(main);
  }

  /** HTTP serving and the Connect protocol belong to api (and to the demo's own page and simulated GitHub). */
  @Test
  void onlyApiServesHttp() {
    noClasses().that().resideOutsideOfPackages("dev.sourcegate.api..", "dev.sourcegate.demo..")
        .should().dependOnClassesThat().haveNameMatching("io\\.vertx\\.core\\.http\\.HttpServer.*")
        .orShould().dependOnClassesThat().resideInAnyPackage("io.vertx.ext.web", "io.vertx.ext.web.handler..")
        .check(main);
  }

  /** Gateway deploys the HTTP verticle; the demo's page plugs in through api.ExtraRoutes. */
  @Test
  void onlyApiKnowsTheConnectCodec() {
    noClasses().that().resideOutsideOfPackages("dev.sourcegate.api..", "dev.sourcegate.demo")
        .and().doNotHaveFullyQualifiedName(Gateway.class.getName())
        .should().dependOnClassesThat(resideInAPackage("dev.sourcegate.api")
            .and(not(resideInAPackage("dev.sourcegate.api.proto.."))))
        .check(main);
  }
}
