package com.digitalspiral.pipeline.decode;

/** A change event that cannot be understood; the message names what is wrong with it. */
public final class DecodeException extends Exception {
    public DecodeException(String message) {
        super(message);
    }
}
