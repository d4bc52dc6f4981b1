package dev.rwsh.generator;

import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.common.ColumnOrder;
import dev.rwsh.proto.common.Direction;
import dev.rwsh.proto.common.NullsAre;
import dev.rwsh.proto.common.OrderType;
import dev.rwsh.proto.data.DataType;
import dev.rwsh.proto.data.DataType.TypeName;
import dev.rwsh.proto.expr.ExprNode;
import dev.rwsh.proto.plan_common.ColumnCatalog;
import dev.rwsh.proto.plan_common.ColumnDesc;
import dev.rwsh.proto.plan_common.ColumnDescVersion;
import dev.rwsh.proto.plan_common.Field;
import java.util.ArrayList;
import java.util.List;

/** Column lists and the catalog pieces derived from them, as RisingWave's frontend builds them. */
final class Columns {
    /** A column: name and type; {@code hidden} for the {@code _row_id} RisingWave adds. */
    record Col(String name, TypeName type, boolean hidden) {
        static Col of(String name, TypeName type) {
            return new Col(name, type, false);
        }
    }

    static final Col ROW_ID = new Col("_row_id", TypeName.SERIAL, true);

    private Columns() {
    }

    static DataType type(TypeName name) {
        DataType.Builder t = DataType.newBuilder().setTypeName(name).setIsNullable(true);
        if (name == TypeName.DECIMAL) {
            t.setPrecision(28);
        }
        return t.build();
    }

    /** Column ids: 0 for {@code _row_id} when present first, user columns from 1 (as a table's columns are numbered). */
    static List<ColumnCatalog> catalogs(List<Col> cols) {
        List<ColumnCatalog> out = new ArrayList<>(cols.size());
        int nextId = cols.isEmpty() || !cols.get(0).hidden() ? 1 : 0;
        for (Col c : cols) {
            out.add(ColumnCatalog.newBuilder()
                    .setColumnDesc(ColumnDesc.newBuilder().setColumnType(type(c.type())).setColumnId(nextId++).setName(c.name())
                            .setVersion(ColumnDescVersion.COLUMN_DESC_VERSION_PR_13707))
                    .setIsHidden(c.hidden()).build());
        }
        return out;
    }

    static List<Field> fields(List<Col> cols) {
        List<Field> out = new ArrayList<>(cols.size());
        for (Col c : cols) {
            out.add(Field.newBuilder().setDataType(type(c.type())).setName(c.name()).build());
        }
        return out;
    }

    static ColumnOrder asc(int index) {
        return ColumnOrder.newBuilder().setColumnIndex(index)
                .setOrderType(OrderType.newBuilder().setDirection(Direction.DIRECTION_ASCENDING).setNullsAre(NullsAre.NULLS_ARE_LARGEST))
                .build();
    }

    static ExprNode inputRef(int index, TypeName type) {
        return ExprNode.newBuilder().setReturnType(type(type)).setInputRef(index).build();
    }

    /** Fills the column, key and index fields of a table catalog. */
    static void shape(Table.Builder t, List<Col> cols, List<Integer> pk, List<Integer> distKey) {
        t.addAllColumns(catalogs(cols));
        for (int p : pk) {
            t.addPk(asc(p));
        }
        t.addAllDistributionKey(distKey);
        t.addAllStreamKey(pk);
        for (int i = 0; i < cols.size(); i++) {
            t.addValueIndices(i);
        }
        for (int d : distKey) {
            t.addDistKeyInPk(pk.indexOf(d));
        }
        t.setReadPrefixLenHint(0);
    }
}
