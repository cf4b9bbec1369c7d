from django import template

register = template.Library()


@register.filter
def translated_title(post):
    """{{ idea|translated_title }} — the title in the reader's language when the list's selector found one
    (translations.selectors.with_translations), else the original."""
    translation = getattr(post, "translation", None)
    return translation.title if translation is not None and translation.title else post.title


@register.filter
def title_language(post):
    """The language of the title `translated_title` shows, for a lang attribute."""
    translation = getattr(post, "translation", None)
    return translation.language if translation is not None and translation.title else post.language
