package com.digitalspiral.api.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.digitalspiral.store.embed.TextEmbedder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hybrid ranking on text the vectors do not understand: real Jira text is full of identifiers (error codes, class
 * names) that a sentence model places nowhere near the query. An issue that holds every word of such a query must
 * reach the top hits even when the graph's whole list is made of other issues.
 */
class HybridFusionTest {

    @Test
    void anIssueHoldingEveryWordOfTheQueryRanksNearTheTopEvenWhenTheVectorsMissIt() throws Exception {
        Random random = new Random(3);
        float[] query = unit(random, 384);
        List<IssueDoc> docs = new ArrayList<>();
        // 80 issues the vectors find close to the query, with unrelated words
        for (int i = 0; i < 80; i++) {
            docs.add(doc(i, "Dashboard widgets render slowly", "Charts take a while to appear.", near(query, random)));
        }
        // the one issue about the identifier asked for, whose vector is far from the query's
        docs.add(doc(80, "KafkaConsumerCoordinator throws ERR_4711", "Seen in production.", unit(random, 384)));
        try (TenantIndex index = new TenantIndex(Files.createTempDirectory("spiral-fusion"))) {
            index.apply(docs);
            index.refresh();
            List<String> terms = index.terms("KafkaConsumerCoordinator ERR_4711");
            List<TenantIndex.Scored> hits = index.hybrid(terms, query, null, SearchService.DEPTH, 5, SearchService.FUSION);
            assertThat(hits).extracting(h -> h.fields().get(TenantIndex.KEY)).contains("T-81");
        }
    }

    private static IssueDoc doc(int i, String summary, String description, float[] vector) {
        return new IssueDoc(new UUID(7, i), new UUID(7, 7), i + 1, false, "T-" + (i + 1), summary, description, "T",
                "Bug", "To Do", "Medium", null, 0, "test-model", vector, 0);
    }

    private static float[] unit(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return TextEmbedder.normalize(v);
    }

    private static float[] near(float[] base, Random r) {
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = base[i] + (float) (r.nextGaussian() * 0.02);
        }
        return TextEmbedder.normalize(v);
    }
}
