package io.upsilon.config;

/**
 * How the user of a program gives a setting, for the remedy in an error message: the CLI names {@code url} as
 * {@code --url}, a service as a property of its own. Every message of this module that tells the user to change a
 * setting names it through the {@link UpsilonSettings#names() settings' names}.
 */
@FunctionalInterface
public interface SettingNames {

    /**
     * As the file and the environment give them, {@code $UPSILON_URL or 'url' in the settings file}; the target and the
     * software version, which are no settings, as {@code the target version} and {@code the software version}.
     */
    SettingNames DEFAULT = key -> key.equals("to") ? "the target version"
            : key.equals("software-version") ? "the software version"
            : "$" + UpsilonSettings.envName(key) + " or '" + key + "' in the settings file";

    /**
     * Each setting as the option of a command line that sets it, {@code --url}, {@code --lock-timeout}; the password,
     * which must never be an option (shell history, the process list), as {@code passwordSource}.
     */
    static SettingNames options(String passwordSource) {
        return key -> key.equals(UpsilonSettings.PASSWORD) ? passwordSource : "--" + key;
    }

    /**
     * The name a user knows {@code key} by; {@code key} is one of {@link UpsilonSettings#KEYS}, {@code config} (the
     * settings file), {@code to} (the target version) or {@code software-version} (a node's software version).
     */
    String of(String key);
}
