package com.digitalspiral.pipeline.operators;

import com.digitalspiral.pipeline.model.SourceChange;
import com.digitalspiral.pipeline.model.Table;
import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;

/** Passes the changes of some tables. */
public final class TableFilter implements FilterFunction<SourceChange> {

    private final Set<Table> tables;

    public TableFilter(Table first, Table... rest) {
        this.tables = EnumSet.of(first, rest);
    }

    @Override
    public boolean filter(SourceChange change) {
        return tables.contains(change.table());
    }
}
