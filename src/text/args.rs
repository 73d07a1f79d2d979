//! The command line's own argument errors (a missing option, an unknown argument or
//! subcommand, a value that is not one of the choices), worded here so the Dutch command line
//! says them in Dutch. `cli::args` takes their parts from the parser's error; the argument
//! names, values and the usage line stay as typed.

use super::T;

pub const ERROR: T = T("fout", "error");
pub const MISSING_REQUIRED: T = T(
    "deze verplichte argumenten ontbreken:",
    "the following required arguments were not provided:",
);
pub const UNKNOWN_ARGUMENT: T = T("onbekend argument '{arg}'", "unexpected argument '{arg}' found");
pub const UNKNOWN_SUBCOMMAND: T = T("onbekend subcommando '{sub}'", "unrecognized subcommand '{sub}'");
pub const VALUE_MISSING: T = T(
    "'{arg}' vraagt een waarde, maar er is geen gegeven",
    "a value is required for '{arg}' but none was supplied",
);
pub const VALUE_INVALID: T = T(
    "ongeldige waarde '{value}' voor '{arg}'",
    "invalid value '{value}' for '{arg}'",
);
pub const POSSIBLE_VALUES: T = T("mogelijke waarden", "possible values");
pub const SUBCOMMANDS: T = T("subcommando's", "subcommands");
pub const NEEDS_SUBCOMMAND: T = T(
    "'{sub}' vraagt een subcommando, maar er is geen gegeven",
    "'{sub}' requires a subcommand but one was not provided",
);
pub const USED_TWICE: T = T(
    "het argument '{arg}' mag maar één keer gegeven worden",
    "the argument '{arg}' cannot be used multiple times",
);
pub const CONFLICT: T = T(
    "het argument '{arg}' kan niet samen met",
    "the argument '{arg}' cannot be used with",
);
pub const CONFLICT_OTHERS: T = T(
    "een of meer van de andere gegeven argumenten",
    "one or more of the other specified arguments",
);
pub const TOO_MANY_VALUES: T = T(
    "onverwachte waarde '{value}' voor '{arg}'; er werden er niet meer verwacht",
    "unexpected value '{value}' for '{arg}' found; no more were expected",
);
pub const WRONG_NUMBER: T = T(
    "'{arg}' vraagt {expected} waarden, gegeven: {actual}",
    "{expected} values required for '{arg}' but {actual} were provided",
);
pub const NO_EQUALS: T = T(
    "geef de waarde van '{arg}' met een isgelijkteken ({arg}=WAARDE)",
    "equal sign is needed when assigning values to '{arg}'",
);
pub const NOT_UTF8: T = T(
    "een argument is geen geldige UTF-8-tekst",
    "invalid UTF-8 was detected in one or more arguments",
);
pub const TIP: T = T("tip", "tip");
pub const SIMILAR_SUBCOMMAND: T = T("een vergelijkbaar subcommando:", "a similar subcommand exists:");
pub const SIMILAR_ARGUMENT: T = T("een vergelijkbaar argument:", "a similar argument exists:");
pub const SIMILAR_VALUE: T = T("een vergelijkbare waarde:", "a similar value exists:");
pub const AS_VALUE: T = T(
    "om '{arg}' als waarde te geven: '-- {arg}'",
    "to pass '{arg}' as a value, use '-- {arg}'",
);
pub const USAGE: T = T("Gebruik:", "Usage:");
pub const MORE: T = T(
    "Meer informatie: probeer '--help'.",
    "For more information, try '--help'.",
);
