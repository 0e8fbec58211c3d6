package com.digitalspiral.api.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * One tenant's Lucene index: BM25 on summary and description and HNSW vectors, side by side in the same
 * documents, with the filter fields. A tenant's searches only ever open its own index, so another tenant's
 * issues cannot appear. The index remembers the last change_seq it applied (in its commit data), so a restart
 * follows on from there instead of rebuilding.
 */
final class TenantIndex implements AutoCloseable {

    static final String ID = "id";
    static final String KEY = "key";
    static final String SUMMARY = "summary";
    static final String DESCRIPTION = "description";
    static final String PROJECT = "project";
    static final String TYPE = "type";
    static final String STATUS = "status";
    static final String PRIORITY = "priority";
    static final String ASSIGNEE = "assignee";
    static final String CREATED = "created";
    static final String VECTOR = "vector";
    private static final String SEQ = "change_seq";
    private static final String MODEL = "model";

    /**
     * Graph connections per node and the beam while building it, twice Lucene's defaults (16, 100): on the bench's
     * clustered vectors at 100k issues recall@10 went from 0.961 to 0.993 for a build twice as long and searches
     * about a fifth slower.
     */
    static final int MAX_CONN = 32;
    static final int BEAM_WIDTH = 200;
    private static final org.apache.lucene.codecs.Codec CODEC = new org.apache.lucene.codecs.lucene912.Lucene912Codec() {
        @Override
        public org.apache.lucene.codecs.KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return new org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat(MAX_CONN, BEAM_WIDTH);
        }
    };

    /** Summary words count double: a summary says what an issue is about, a description also says much else. */
    private static final float SUMMARY_BOOST = 2f;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private volatile long appliedSeq;
    private volatile String model;
    private volatile long asOfMs;

    TenantIndex(Path dir) throws IOException {
        this.directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(64);
        config.setCodec(CODEC);
        this.writer = new IndexWriter(directory, config);
        Map<String, String> committed = new java.util.HashMap<>();
        writer.getLiveCommitData().forEach(e -> committed.put(e.getKey(), e.getValue()));
        this.appliedSeq = Long.parseLong(committed.getOrDefault(SEQ, "0"));
        this.model = committed.get(MODEL);
        this.searchers = new SearcherManager(writer, null);
    }

    long appliedSeq() {
        return appliedSeq;
    }

    /** The model of the vectors in this index (null before the first vector). */
    String model() {
        return model;
    }

    /** Commit time of the newest change applied (ms), 0 before any. */
    long asOfMs() {
        return asOfMs;
    }

    /** Applies changes in change_seq order; the caller refreshes afterwards. */
    void apply(List<IssueDoc> docs) throws IOException {
        for (IssueDoc d : docs) {
            if (d.changeSeq() <= appliedSeq) {
                continue;
            }
            Term id = new Term(ID, d.issueId().toString());
            if (d.deleted() || d.key() == null) {
                writer.deleteDocuments(id);
            } else {
                writer.updateDocument(id, document(d));
                if (d.vector() != null) {
                    model = d.model();
                }
            }
            appliedSeq = d.changeSeq();
            asOfMs = Math.max(asOfMs, d.sourceTs());
        }
    }

    /** Makes what was applied visible to searches. */
    void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Makes what was applied durable, with the change_seq reached. */
    void commit() throws IOException {
        writer.setLiveCommitData(Map.of(SEQ, Long.toString(appliedSeq), MODEL, model == null ? "" : model).entrySet());
        writer.commit();
    }

    /**
     * Waits until the merges the writer started in the background are done, then commits: what a bench measures
     * afterwards is the index as it stays, not one with merges competing for the cores.
     */
    void awaitMerges() throws IOException {
        if (writer.getConfig().getMergeScheduler() instanceof org.apache.lucene.index.ConcurrentMergeScheduler merges) {
            merges.sync();
        }
        commit();
        refresh();
    }

    /** Merges the index down to at most {@code segments} segments (one HNSW graph each), then refreshes. */
    void forceMerge(int segments) throws IOException {
        writer.forceMerge(segments);
        commit();
        refresh();
    }

    int segments() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return s.getIndexReader().leaves().size();
        } finally {
            searchers.release(s);
        }
    }

    /** Forgets everything (a model change, or a rebuild). */
    void clear() throws IOException {
        writer.deleteAll();
        appliedSeq = 0;
        model = null;
        asOfMs = 0;
        commit();
        refresh();
    }

    int size() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return s.getIndexReader().numDocs();
        } finally {
            searchers.release(s);
        }
    }

    private static Document document(IssueDoc d) {
        Document doc = new Document();
        doc.add(new StringField(ID, d.issueId().toString(), Field.Store.YES));
        doc.add(new StringField(KEY, d.key(), Field.Store.YES));
        doc.add(new TextField(SUMMARY, nz(d.summary()), Field.Store.YES));
        doc.add(new TextField(DESCRIPTION, nz(d.description()), Field.Store.YES));
        keyword(doc, PROJECT, d.project());
        keyword(doc, TYPE, d.issueType());
        keyword(doc, STATUS, d.status());
        keyword(doc, PRIORITY, d.priority());
        keyword(doc, ASSIGNEE, d.assignee());
        doc.add(new LongPoint(CREATED, d.createdMs()));
        if (d.vector() != null && d.vector().length > 0) {
            doc.add(new KnnFloatVectorField(VECTOR, d.vector(), VectorSimilarityFunction.DOT_PRODUCT));
        }
        return doc;
    }

    private static void keyword(Document doc, String field, String value) {
        if (value != null) {
            doc.add(new StringField(field, value, Field.Store.YES));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The query's words as the index holds them (lower case, stemmed, stop words gone). */
    List<String> terms(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(SUMMARY, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && out.size() < 64) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    /** Ranked keyword hits: BM25 over summary (boosted) and description, inside the filter. */
    List<Scored> keyword(List<String> terms, Query filter, int k) throws IOException {
        if (terms.isEmpty()) {
            return List.of();
        }
        return run(wordsQuery(terms, filter), k);
    }

    /** Nearest vectors inside the filter: the filter is applied during the graph search, so k hits all match. */
    List<Scored> semantic(float[] vector, Query filter, int k) throws IOException {
        // the graph is searched with at least CANDIDATES candidates and cut to k: with k = 10 alone, clusters of
        // near-duplicates (re-reports) left recall@10 at 0.87 against an exact scan at 100k issues
        return run(new KnnFloatVectorQuery(VECTOR, vector, Math.max(k, CANDIDATES), filter), k);
    }

    /**
     * Candidates the HNSW search keeps in each segment (Elasticsearch's num_candidates); the answer is cut to k.
     * Fewer, larger segments need more: on the bench's 1M issues recall@10 against an exact scan was, in 32 segments,
     * 0.962 with 100; in 14 segments 0.943 with 100, 0.964 with 200; in 5 segments (the index once its merges are
     * done) 0.944 with 200, 0.958 with 300, 0.963 with 400 and 0.980 with 600, for 2.7, 3.3, 4.2 and 5.3 ms a search.
     */
    static final int CANDIDATES = 400;

    /**
     * Exact nearest neighbours by scanning every vector that passes the filter: the baseline the graph's recall
     * is measured against (and what a search without an index would cost).
     */
    List<Scored> exactSemantic(float[] vector, Query filter, int k) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            org.apache.lucene.search.Weight allowed = s.createWeight(s.rewrite(filter == null ? new MatchAllDocsQuery() : filter),
                    org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES, 1f);
            java.util.PriorityQueue<ScoreDoc> best = new java.util.PriorityQueue<>(Comparator.comparingDouble(d -> d.score));
            for (var leaf : s.getIndexReader().leaves()) {
                var values = leaf.reader().getFloatVectorValues(VECTOR);
                var scorer = allowed.scorer(leaf);
                if (values == null || scorer == null) {
                    continue;
                }
                var live = leaf.reader().getLiveDocs();
                var docs = scorer.iterator();
                for (int doc = values.nextDoc(); doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    if ((live != null && !live.get(doc)) || (docs.docID() < doc && docs.advance(doc) != doc) || docs.docID() != doc) {
                        continue;
                    }
                    float score = VectorSimilarityFunction.DOT_PRODUCT.compare(vector, values.vectorValue());
                    if (best.size() < k) {
                        best.add(new ScoreDoc(leaf.docBase + doc, score));
                    } else if (score > best.peek().score) {
                        best.poll();
                        best.add(new ScoreDoc(leaf.docBase + doc, score));
                    }
                }
            }
            List<ScoreDoc> sorted = new ArrayList<>(best);
            sorted.sort(Comparator.comparingDouble((ScoreDoc d) -> d.score).reversed());
            List<Scored> out = new ArrayList<>();
            for (ScoreDoc sd : sorted) {
                Map<String, String> f = stored(s, sd.doc);
                out.add(new Scored(f.get(ID), sd.score, f));
            }
            return out;
        } finally {
            searchers.release(s);
        }
    }

    /** The stored fields of an issue by its key, if this tenant has it. */
    Map<String, String> byKey(String key) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            TopDocs top = s.search(new TermQuery(new Term(KEY, key)), 1);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            return stored(s, top.scoreDocs[0].doc);
        } finally {
            searchers.release(s);
        }
    }

    /** The stored vector of an issue (null when it has none). */
    float[] vectorOf(String issueId) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            TopDocs top = s.search(new TermQuery(new Term(ID, issueId)), 1);
            if (top.scoreDocs.length == 0) {
                return null;
            }
            int doc = top.scoreDocs[0].doc;
            var leaves = s.getIndexReader().leaves();
            int leafIndex = org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves);
            var leaf = leaves.get(leafIndex);
            var values = leaf.reader().getFloatVectorValues(VECTOR);
            if (values == null) {
                return null;
            }
            int target = doc - leaf.docBase;
            if (values.advance(target) != target) {
                return null;
            }
            return values.vectorValue().clone();
        } finally {
            searchers.release(s);
        }
    }

    /** Reciprocal rank fusion: a hit at rank r (from 1) of a list adds weight / (rrfK + r). */
    record Fusion(int rrfK, double semanticWeight) {}

    /** A document of one searcher with a score; fields are read only for the hits finally shown. */
    record Ranked(int doc, float score) {}

    /**
     * Hybrid ranking within one searcher: BM25 and graph lists of {@code depth}, each keyword hit weighted by the
     * share of the query's words it holds (read from the postings, not by analysing its text), the graph's by the
     * fusion's semantic weight, fused by reciprocal rank; only the final {@code limit} hits' stored fields are read.
     */
    List<Scored> hybrid(List<String> terms, float[] vector, Query filter, int depth, int limit, Fusion fusion) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            List<Ranked> keyword = terms.isEmpty() ? List.of() : ranked(s.search(wordsQuery(terms, filter), depth));
            float[] coverage = coverage(s, keyword, terms);
            List<Ranked> semantic = vector == null ? List.of()
                    : ranked(s.search(new KnnFloatVectorQuery(VECTOR, vector, Math.max(depth, CANDIDATES), filter), depth));
            java.util.Map<Integer, Double> score = new java.util.HashMap<>();
            for (int i = 0; i < keyword.size(); i++) {
                score.merge(keyword.get(i).doc(), coverage[i] / (double) (fusion.rrfK() + i + 1), Double::sum);
            }
            for (int i = 0; i < semantic.size(); i++) {
                score.merge(semantic.get(i).doc(), fusion.semanticWeight() / (fusion.rrfK() + i + 1), Double::sum);
            }
            List<java.util.Map.Entry<Integer, Double>> order = new ArrayList<>(score.entrySet());
            order.sort(java.util.Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(java.util.Map.Entry.comparingByKey()));
            List<Scored> out = new ArrayList<>();
            for (var e : order.subList(0, Math.min(limit, order.size()))) {
                Map<String, String> f = stored(s, e.getKey());
                out.add(new Scored(f.get(ID), e.getValue().floatValue(), f));
            }
            return out;
        } finally {
            searchers.release(s);
        }
    }

    private static List<Ranked> ranked(TopDocs top) {
        List<Ranked> out = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            out.add(new Ranked(sd.doc, sd.score));
        }
        return out;
    }

    /**
     * For each hit, the share of the distinct query words found in its summary or description. Each word's postings
     * are read once per segment and advanced through that segment's hits in doc order: looking each hit up on its
     * own cost a terms-dictionary seek per hit, word and field, the larger part of a hybrid search at 100k issues.
     */
    private static float[] coverage(IndexSearcher s, List<Ranked> hits, List<String> terms) throws IOException {
        float[] out = new float[hits.size()];
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>(terms);
        if (hits.isEmpty() || distinct.isEmpty()) {
            return out;
        }
        var leaves = s.getIndexReader().leaves();
        Integer[] order = new Integer[hits.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> hits.get(i).doc()));
        int from = 0;
        while (from < order.length) {
            int leafIndex = org.apache.lucene.index.ReaderUtil.subIndex(hits.get(order[from]).doc(), leaves);
            var leaf = leaves.get(leafIndex);
            int to = from;
            while (to < order.length && hits.get(order[to]).doc() < leaf.docBase + leaf.reader().maxDoc()) {
                to++;
            }
            for (String t : distinct) {
                boolean[] held = new boolean[to - from];
                for (String field : List.of(SUMMARY, DESCRIPTION)) {
                    mark(leaf, field, t, hits, order, from, to, held);
                }
                for (int j = 0; j < held.length; j++) {
                    if (held[j]) {
                        out[order[from + j]] += 1f / distinct.size();
                    }
                }
            }
            from = to;
        }
        return out;
    }

    /** Marks which of the hits order[from..to) (one segment's, in doc order) hold {@code term} in {@code field}. */
    private static void mark(org.apache.lucene.index.LeafReaderContext leaf, String field, String term, List<Ranked> hits,
            Integer[] order, int from, int to, boolean[] held) throws IOException {
        org.apache.lucene.index.Terms terms = leaf.reader().terms(field);
        if (terms == null) {
            return;
        }
        org.apache.lucene.index.TermsEnum te = terms.iterator();
        if (!te.seekExact(new BytesRef(term))) {
            return;
        }
        org.apache.lucene.index.PostingsEnum p = te.postings(null, org.apache.lucene.index.PostingsEnum.NONE);
        int at = -1;
        for (int j = from; j < to; j++) {
            int local = hits.get(order[j]).doc() - leaf.docBase;
            if (at < local) {
                at = p.advance(local);
            }
            if (at == org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS) {
                return;
            }
            if (at == local) {
                held[j - from] = true;
            }
        }
    }

    private static Query wordsQuery(List<String> terms, Query filter) {
        // one flat list of term clauses lets Lucene skip blocks that cannot reach the top k (MaxScore)
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        for (String t : new java.util.LinkedHashSet<>(terms)) {
            words.add(new BoostQuery(new TermQuery(new Term(SUMMARY, t)), SUMMARY_BOOST), BooleanClause.Occur.SHOULD);
            words.add(new TermQuery(new Term(DESCRIPTION, t)), BooleanClause.Occur.SHOULD);
        }
        if (filter == null) {
            return words.build();
        }
        return new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
    }

    /** A hit with its rank score and stored fields. */
    record Scored(String issueId, float score, Map<String, String> fields) {}

    private List<Scored> run(Query q, int k) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return toScored(s, s.search(q, k), k);
        } finally {
            searchers.release(s);
        }
    }

    private static List<Scored> toScored(IndexSearcher s, TopDocs top, int k) throws IOException {
        List<Scored> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            if (out.size() >= k) {
                break;
            }
            Map<String, String> f = stored(s, sd.doc);
            out.add(new Scored(f.get(ID), sd.score, f));
        }
        return out;
    }

    private static Map<String, String> stored(IndexSearcher s, int doc) throws IOException {
        Document d = s.storedFields().document(doc);
        Map<String, String> f = new java.util.HashMap<>();
        for (String name : List.of(ID, KEY, SUMMARY, DESCRIPTION, PROJECT, TYPE, STATUS, PRIORITY, ASSIGNEE)) {
            String v = d.get(name);
            if (v != null) {
                f.put(name, v);
            }
        }
        return f;
    }

    /**
     * The filter as a Lucene query: every list allows any of its values, all lists must hold; null when nothing is
     * filtered, so that the graph search does not first collect every document into an allowed set.
     */
    static Query filter(SearchRequest.Filters f) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        terms(b, PROJECT, f.projects());
        terms(b, TYPE, f.issueTypes());
        terms(b, STATUS, f.statuses());
        terms(b, ASSIGNEE, f.assignees());
        terms(b, PRIORITY, f.priorities());
        if (f.createdFrom() != null || f.createdTo() != null) {
            long from = f.createdFrom() == null ? Long.MIN_VALUE : f.createdFrom().toEpochMilli();
            long to = f.createdTo() == null ? Long.MAX_VALUE : f.createdTo().toEpochMilli();
            b.add(LongPoint.newRangeQuery(CREATED, from, to), BooleanClause.Occur.FILTER);
        }
        BooleanQuery q = b.build();
        return q.clauses().isEmpty() ? null : q;
    }

    private static void terms(BooleanQuery.Builder b, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            b.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()), BooleanClause.Occur.FILTER);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        commit();
        writer.close();
        directory.close();
    }
}
