package dev.rwsh.commands.inspect;

import dev.rwsh.proto.stream_plan.FragmentTypeFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Names of the bits of a fragment's type mask. */
final class FragmentTypes {
    private static final String PREFIX = "FRAGMENT_TYPE_FLAG_";

    private FragmentTypes() {
    }

    static String of(int mask) {
        List<String> names = new ArrayList<>();
        int known = 0;
        for (FragmentTypeFlag f : FragmentTypeFlag.values()) {
            if (f == FragmentTypeFlag.UNRECOGNIZED || f.getNumber() == 0) {
                continue;
            }
            known |= f.getNumber();
            if ((mask & f.getNumber()) != 0) {
                names.add(f.name().substring(PREFIX.length()).toLowerCase(Locale.ROOT));
            }
        }
        if ((mask & ~known) != 0) {
            names.add("0x" + Integer.toHexString(mask & ~known));
        }
        return String.join("|", names);
    }
}
