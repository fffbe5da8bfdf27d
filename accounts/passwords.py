"""Password hashing with Argon2id (argon2-cffi, the OWASP-recommended slow hash) and the password rule."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12  # the NCSC advises length rather than complexity rules
_HASHER = PasswordHasher()  # RFC 9106 low-memory profile: 3 passes, 64 MiB, 4 lanes
_DUMMY_HASH = _HASHER.hash("a password no account has, to spend the same time on unknown user names")


def password_problem(password: str, username: str = "") -> str | None:
    """Why the password may not be used, or None."""
    if len(password) < MIN_LENGTH:
        return f"the password must be at least {MIN_LENGTH} characters long (a few words together is easy to remember)"
    if username and username.lower() in password.lower():
        return "the password must not contain the user name"
    return None


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether the password matches. With no hash (unknown user) it still spends the time of a check."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
