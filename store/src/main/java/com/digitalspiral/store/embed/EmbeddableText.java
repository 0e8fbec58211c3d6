package com.digitalspiral.store.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What of an issue is embedded, and the hash that decides whether it must be embedded again: one definition
 * for the pipeline's gate and for the backfill, so both agree on when text is unchanged.
 */
public final class EmbeddableText {

    private EmbeddableText() {}

    /** The summary first, since a model reads only its first few hundred word pieces; then the description. */
    public static String of(String summary, String description) {
        String s = summary == null ? "" : summary.strip();
        String d = description == null ? "" : description.strip();
        return d.isEmpty() ? s : s + "\n\n" + d;
    }

    /** SHA-256 of the model's name and the text: another model embeds the same text again. */
    public static String hash(String model, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(model.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
