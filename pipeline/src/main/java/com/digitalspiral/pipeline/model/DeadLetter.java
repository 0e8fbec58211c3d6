package com.digitalspiral.pipeline.model;

/** A change event the pipeline could not decode, kept with the reason instead of being dropped. */
public record DeadLetter(String reason, String payload, long receivedAt) {}
