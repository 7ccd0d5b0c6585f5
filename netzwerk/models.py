"""The user model and the account preferences that live on it."""

import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from .time_zones import known_time_zones


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(known_time_zones())]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class NudgeDelivery(models.TextChoices):
    """How a kind of nudge reaches the user."""

    OFF = "off", _("Off")
    APP = "app", _("In the app")
    EMAIL = "email", _("In the app and by email")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


def _delivery_field(label: str, default: str) -> models.CharField:
    return models.CharField(label, max_length=8, choices=NudgeDelivery.choices, default=default)


def _rhythm_field(label: str, default: int | None) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        null=True,
        blank=True,
        default=default,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_("Days between contacts; empty means no rhythm."),
    )


def _unverified_address() -> Exists:
    from allauth.account.models import EmailAddress

    return Exists(
        EmailAddress.objects.filter(
            user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=False
        )
    )


class UserQuerySet(models.QuerySet):
    """Mail goes only to a confirmed address: never to one allauth holds as unverified (a
    sign-up not yet confirmed, an address someone typed in). Accounts the operator made
    (createsuperuser, the admin) have no address record and count as confirmed."""

    def with_email_confirmed(self) -> "UserQuerySet":
        """Annotates `email_confirmed` (in the same query)."""
        return self.annotate(email_confirmed=~_unverified_address())

    def mailable(self) -> "UserQuerySet":
        """Active users whose address may receive digests and reminder emails."""
        return self.filter(is_active=True).exclude(_unverified_address())


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    username = None
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    email = models.EmailField(_("email address"), unique=True)

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zone_choices, default="Europe/Berlin"
    )
    home_city = models.CharField(_("home city"), max_length=120, blank=True)

    # Keep-in-touch rhythm per category; a contact's own keep_in_touch_days wins.
    rhythm_einhorn_days = _rhythm_field(_("Einhorn contacts: keep in touch every"), 30)
    rhythm_flamingo_days = _rhythm_field(_("Flamingo contacts: keep in touch every"), 90)
    rhythm_pinguin_days = _rhythm_field(_("Pinguin contacts: keep in touch every"), None)

    lunch_target = models.PositiveSmallIntegerField(
        _("lunches per week"),
        default=2,
        validators=[MaxValueValidator(5)],
        help_text=_("#neverlunchalone: how many lunches with other people you aim for."),
    )
    lunch_nudge_weekday = models.PositiveSmallIntegerField(
        _("lunch planning day"),
        choices=Weekday.choices,
        default=Weekday.MONDAY,
        help_text=_("On this morning you get a nudge if the week has fewer lunches planned."),
    )
    morning_hour = models.PositiveSmallIntegerField(
        _("nudges from"),
        default=8,
        validators=[MinValueValidator(6), MaxValueValidator(11)],
        help_text=_("Hour of your morning from which nudges may arrive (never at night)."),
    )
    birthday_lead_days = models.PositiveSmallIntegerField(
        _("birthday reminder, days before"),
        default=3,
        validators=[MaxValueValidator(30)],
        help_text=_("0 reminds you on the day only."),
    )
    birthday_nudges = _delivery_field(_("birthdays and important dates"), NudgeDelivery.EMAIL)
    followup_nudges = _delivery_field(_("follow-ups"), NudgeDelivery.EMAIL)
    keep_in_touch_nudges = _delivery_field(_("keep in touch"), NudgeDelivery.APP)
    lunch_nudges = _delivery_field(_("#neverlunchalone"), NudgeDelivery.APP)
    review_nudges = _delivery_field(_("goal reviews"), NudgeDelivery.EMAIL)

    digest_enabled = models.BooleanField(_("weekly digest by email"), default=True)
    digest_weekday = models.PositiveSmallIntegerField(
        _("digest day"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"), default=7, validators=[MinValueValidator(5), MaxValueValidator(22)]
    )
    # The secret in the private calendar feed URL; regenerating it revokes old subscriptions.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    # Raised by "sign out everywhere": it ends every session and every emailed one-tap link.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("view_personal_data", _("Can see the contents of users' networks in the admin"))
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def rhythm_days(self, category: str) -> int | None:
        """The default keep-in-touch rhythm of a category, in days (None: no rhythm)."""
        return getattr(self, f"rhythm_{category}_days")

    def regenerate_calendar_token(self) -> None:
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])

    def sign_out_everywhere(self) -> None:
        """Ends every session and one-tap link at once and gives the calendar feed a new
        address; the caller keeps its own session with `update_session_auth_hash`."""
        self.session_epoch += 1
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["session_epoch", "calendar_token"])

    def _credentials(self) -> str:
        # Without an epoch the value is Django's own, so sessions survive the field's arrival.
        if not self.session_epoch:
            return self.password
        return f"{self.password}:{self.session_epoch}"

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django checks this on every request: a new password or epoch ends the session.
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            self._credentials(),
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def link_fingerprint(self, secret: str | None = None) -> str:
        """What emailed links carry of the user's credentials: a new password or "sign out
        everywhere" changes it, and every older link stops working."""
        return salted_hmac(
            "netzwerk.User.link_fingerprint", self._credentials(), secret=secret, algorithm="sha256"
        ).hexdigest()[:20]

    def has_link_fingerprint(self, fingerprint: str) -> bool:
        # Links made before a key rotation carry the old key's fingerprint.
        secrets_ = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        return any(
            constant_time_compare(fingerprint, self.link_fingerprint(secret)) for secret in secrets_
        )
