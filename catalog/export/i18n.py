"""Fixed words of the exports in English and Persian: headings, labels, kinds and levels.

Catalog texts (descriptions, notes, path titles) come from the data; these are the words around
them. Persian output uses Persian digits and the Persian comma, as a Persian reader expects.
"""

from __future__ import annotations

from dataclasses import dataclass

_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@dataclass(frozen=True)
class Words:
    lang: str
    direction: str
    title: str
    intro: str  # {count}: the number of resources, already formatted
    contents: str
    paths: str
    resources: str  # heading when nothing is grouped
    one_resource: str
    many_resources: str  # {count}
    free: str
    paid: str
    fallback: str  # marks an English text standing in for a missing translation
    list_sep: str
    kinds: dict[str, tuple[str, str]]  # kind -> (singular label, plural heading)
    levels: dict[str, tuple[str, str]]  # level -> (label, heading)
    roles: dict[str, str]  # companion role -> label
    search: str
    all_values: str
    topic: str
    kind: str
    level: str
    language: str
    showing: str  # {shown} of {total}
    no_match: str

    def number(self, value: int) -> str:
        return str(value).translate(_FA_DIGITS) if self.lang == "fa" else str(value)

    def count(self, value: int) -> str:
        if value == 1:
            return self.one_resource
        return self.many_resources.format(count=self.number(value))


EN = Words(
    lang="en",
    direction="ltr",
    title="Transformer learning resources",
    intro=(
        "A curated list of {count} for learning about transformers, from first intuitions to "
        "long-sequence models and transformers for DNA and proteins. It is generated from "
        "`resources.yaml` by `catalog export`: edit the data, not this list."
    ),
    contents="Contents",
    paths="Learning paths",
    resources="Resources",
    one_resource="1 resource",
    many_resources="{count} resources",
    free="free",
    paid="paid",
    fallback="English",
    list_sep=", ",
    kinds={
        "video": ("video", "Videos"),
        "playlist": ("playlist", "Playlists"),
        "course": ("course", "Courses"),
        "book": ("book", "Books"),
        "article": ("article", "Articles"),
        "paper": ("paper", "Papers"),
        "tutorial": ("tutorial", "Tutorials"),
        "repository": ("repository", "Repositories"),
        "interactive": ("interactive", "Interactive"),
    },
    levels={
        "beginner": ("beginner", "Beginner"),
        "intermediate": ("intermediate", "Intermediate"),
        "advanced": ("advanced", "Advanced"),
    },
    roles={
        "code": "code",
        "blog": "blog post",
        "notebook": "notebook",
        "video": "video",
        "version": "other version",
        "translation": "translation",
    },
    search="Search",
    all_values="All",
    topic="Topic",
    kind="Kind",
    level="Level",
    language="Language",
    showing="Showing {shown} of {total}",
    no_match="No resource matches these filters.",
)

FA = Words(
    lang="fa",
    direction="rtl",
    title="منابع یادگیری ترنسفورمرها",
    intro=(
        "فهرستی گزیده از {count} برای یادگیری ترنسفورمرها، از آشنایی اولیه تا مدل‌های "
        "رشته‌های طولانی و ترنسفورمرها برای DNA و پروتئین. این فهرست با دستور `catalog export` "
        "از پرونده‌ی `resources.yaml` ساخته می‌شود؛ برای تغییر آن داده‌ها را ویرایش کنید، نه این "
        "فهرست را."
    ),
    contents="فهرست مطالب",
    paths="مسیرهای یادگیری",
    resources="منابع",
    one_resource="۱ منبع",
    many_resources="{count} منبع",
    free="رایگان",
    paid="غیررایگان",
    fallback="به انگلیسی",
    list_sep="، ",
    kinds={
        "video": ("ویدیو", "ویدیوها"),
        "playlist": ("فهرست پخش", "فهرست‌های پخش"),
        "course": ("دوره", "دوره‌ها"),
        "book": ("کتاب", "کتاب‌ها"),
        "article": ("مقاله", "مقاله‌ها"),
        "paper": ("مقاله‌ی پژوهشی", "مقاله‌های پژوهشی"),
        "tutorial": ("آموزش", "آموزش‌ها"),
        "repository": ("مخزن کد", "مخزن‌های کد"),
        "interactive": ("ابزار تعاملی", "ابزارهای تعاملی"),
    },
    levels={
        "beginner": ("مقدماتی", "مقدماتی"),
        "intermediate": ("متوسط", "متوسط"),
        "advanced": ("پیشرفته", "پیشرفته"),
    },
    roles={
        "code": "کد",
        "blog": "نوشته‌ی وبلاگ",
        "notebook": "نوت‌بوک",
        "video": "ویدیو",
        "version": "نسخه‌ی دیگر",
        "translation": "ترجمه",
    },
    search="جستجو",
    all_values="همه",
    topic="موضوع",
    kind="نوع",
    level="سطح",
    language="زبان",
    showing="نمایش {shown} از {total}",
    no_match="هیچ منبعی با این فیلترها پیدا نشد.",
)

WORDS = {"en": EN, "fa": FA}


def words(lang: str) -> Words:
    """The fixed words for ``lang`` (``en`` or ``fa``)."""
    return WORDS[lang]
