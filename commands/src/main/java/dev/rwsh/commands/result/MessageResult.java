package dev.rwsh.commands.result;

import java.util.List;

/** A one-line outcome such as "connected to etcd at ...". */
public record MessageResult(String message) implements CommandResult {

    @Override
    public List<TableView> tables() {
        return List.of();
    }
}
