package dev.rwsh.shell.session;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;
import org.springframework.stereotype.Component;

/** JLine history that never stores a line carrying a password. */
@Component
public class PasswordSafeHistory extends DefaultHistory {

    /** A password option, USER:PASS credentials, a URL with user:password@, or password= in a query. */
    static final Pattern SECRET = Pattern.compile(
            "--password(?!-prompt)|--etcd-user-password|--user(=|\\s+)\\S+:|://[^/@\\s]*:[^@\\s]*@|password=",
            Pattern.CASE_INSENSITIVE);

    public static boolean carriesSecret(String line) {
        return SECRET.matcher(line).find();
    }

    @Override
    public void add(Instant time, String line) {
        if (!carriesSecret(line)) {
            super.add(time, line);
        }
    }
}
