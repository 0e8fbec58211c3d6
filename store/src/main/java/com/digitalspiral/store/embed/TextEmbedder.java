package com.digitalspiral.store.embed;

import java.util.List;

/**
 * Turns texts into unit-length vectors of one model. The pipeline embeds issues with it and the API embeds
 * queries with the same one: a vector is only comparable with vectors of its {@link #model()}.
 */
public interface TextEmbedder extends AutoCloseable {

    /** The model's name as stored beside each vector, e.g. "all-minilm-l6-v2". */
    String model();

    /** Length of every vector this model returns. */
    int dimensions();

    /** One normalized vector per text, in order. */
    List<float[]> embed(List<String> texts) throws Exception;

    @Override
    default void close() {}

    /** Scales a vector to unit length, so that the dot product is the cosine. */
    static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0 || Double.isNaN(norm)) {
            return v;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /** The vector as JDBC's {@code createArrayOf("float4", …)} takes it. */
    static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
