package com.digitalspiral.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalspiral.catalog.Catalog;
import com.digitalspiral.catalog.CatalogStore;
import com.digitalspiral.store.ScratchDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** Seeding the metrics_catalog table: idempotent, history kept, a changed definition needs a new version. */
class CatalogSeedIT {

    private static Catalog edited(String from, String to) throws Exception {
        String text = new String(Catalog.class.getResourceAsStream(Catalog.RESOURCE).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return Catalog.parse(text.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void seedingTwiceChangesNothingAndANewVersionKeepsTheOldOne() throws Exception {
        try (ScratchDatabase db = new ScratchDatabase("seed"); Connection c = db.config().connect()) {
            Catalog catalog = Catalog.load();
            CatalogStore.SeedResult first = CatalogStore.seed(catalog, c);
            assertThat(first.inserted()).isEqualTo(catalog.metrics().size());
            CatalogStore.SeedResult again = CatalogStore.seed(catalog, c);
            assertThat(again.inserted()).isZero();
            assertThat(again.unchanged()).isEqualTo(catalog.metrics().size());

            String velocityV1 = "\"synonyms\": [\"team velocity\", \"avg velocity\", \"average velocity\", \"speed\", \"points per sprint\"],\n      \"better\": \"higher\", \"version\": \"1.0.0\"";
            Catalog v2 = edited(velocityV1, velocityV1.replace("\"speed\", ", "").replace("1.0.0", "1.1.0"));
            assertThat(CatalogStore.seed(v2, c).inserted()).isEqualTo(1);
            assertThat(CatalogStore.versions(c, "velocity")).extracting(CatalogStore.Version::version, CatalogStore.Version::current)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("1.1.0", true),
                            org.assertj.core.groups.Tuple.tuple("1.0.0", false));

            Catalog reworded = edited(velocityV1, velocityV1.replace("\"speed\", ", "\"pace\", ").replace("1.0.0", "1.1.0"));
            assertThat(CatalogStore.seed(reworded, c).inserted()).as("new synonyms: same version, updated in place").isZero();
            assertThat(CatalogStore.versions(c, "velocity")).hasSize(2);

            String velocitySql = "AND velocity_rank <= {sprints})\"";
            Catalog sneaky = edited(velocitySql, "AND velocity_rank < {sprints})\"");
            assertThatThrownBy(() -> CatalogStore.seed(sneaky, c)).hasMessageContaining("velocity changed but its version 1.0.0 did not");

            assertThat(CatalogStore.seed(catalog, c).inserted()).as("going back to 1.0.0 reuses its row").isZero();
            assertThat(CatalogStore.versions(c, "velocity")).filteredOn(CatalogStore.Version::current)
                    .extracting(CatalogStore.Version::version).containsExactly("1.0.0");
        }
    }
}
