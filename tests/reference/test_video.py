import pytest

from portal.reference.video import embed_url

YT = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
DM = "https://www.dailymotion.com/embed/video/x7tgad0"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtube.com/watch?v=dQw4w9WgXcQ",
        "https://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL123&index=2",
        "https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "www.youtube.com/watch?v=dQw4w9WgXcQ",
        "youtube.com/watch?v=dQw4w9WgXcQ",
        "  https://www.youtube.com/watch?v=dQw4w9WgXcQ  ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?si=abcDEF123",
        "youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://youtube.com/shorts/dQw4w9WgXcQ?feature=share",
        "https://www.youtube.com/live/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/v/dQw4w9WgXcQ",
        "//www.youtube.com/embed/dQw4w9WgXcQ",
    ],
)
def test_youtube_forms_give_the_privacy_enhanced_embed(url):
    assert embed_url(url) == YT


@pytest.mark.parametrize(
    ("url", "start"),
    [
        ("https://youtu.be/dQw4w9WgXcQ?t=42", 42),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", 90),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h0m5s", 3605),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=12", 12),
    ],
)
def test_youtube_start_time_is_kept(url, start):
    assert embed_url(url) == f"{YT}?start={start}"


def test_youtube_embed_is_idempotent():
    assert embed_url(embed_url("https://youtu.be/dQw4w9WgXcQ?t=42")) == f"{YT}?start=42"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.dailymotion.com/video/x7tgad0",
        "http://dailymotion.com/video/x7tgad0",
        "https://www.dailymotion.com/video/x7tgad0_le-titre-de-la-video_news",
        "https://www.dailymotion.com/video/x7tgad0?playlist=x6hynp",
        "dailymotion.com/video/x7tgad0",
        "https://dai.ly/x7tgad0",
        "dai.ly/x7tgad0",
        "https://www.dailymotion.com/embed/video/x7tgad0",
        "https://www.dailymotion.com/embed/video/x7tgad0?autoplay=1",
        "https://geo.dailymotion.com/player.html?video=x7tgad0",
        "https://geo.dailymotion.com/player/x1abc.html?video=x7tgad0",
    ],
)
def test_dailymotion_forms_give_the_embed(url):
    assert embed_url(url) == DM


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://vimeo.com/76979871", "Seules les vidéos YouTube et Dailymotion sont acceptées (lien reçu : vimeo.com)."),
        ("https://www.tiktok.com/@entreprise/video/123", "(lien reçu : www.tiktok.com)"),
        ("https://youtube.com.example.net/watch?v=dQw4w9WgXcQ", "(lien reçu : youtube.com.example.net)"),
        ("https://notyoutube.com/watch?v=dQw4w9WgXcQ", "(lien reçu : notyoutube.com)"),
        ("https://www.facebook.com/watch/?v=1234567890", "(lien reçu : www.facebook.com)"),
    ],
)
def test_other_hosts_are_refused_with_the_host_named(url, expected):
    with pytest.raises(ValueError) as error:
        embed_url(url)
    assert expected in str(error.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/@entreprise",
        "https://www.youtube.com/channel/UC1234567890",
        "https://www.youtube.com/watch?v=court",
        "https://www.youtube.com/watch",
        "https://youtu.be/",
        "https://www.youtube.com/playlist?list=PL1234567890",
    ],
)
def test_youtube_links_without_a_video_are_refused(url):
    with pytest.raises(ValueError, match="Ce lien YouTube ne désigne pas une vidéo"):
        embed_url(url)


@pytest.mark.parametrize(
    "url",
    ["https://www.dailymotion.com/entreprise", "https://www.dailymotion.com/playlist/x6hynp", "https://dai.ly/"],
)
def test_dailymotion_links_without_a_video_are_refused(url):
    with pytest.raises(ValueError, match="Ce lien Dailymotion ne désigne pas une vidéo"):
        embed_url(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("", "Indiquez le lien de la vidéo."),
        ("   ", "Indiquez le lien de la vidéo."),
        ("javascript:alert(1)", "n'est pas un lien web"),
        ("ftp://www.youtube.com/watch?v=dQw4w9WgXcQ", "n'est pas un lien web valide"),
        ("https://www.you tube.com/watch?v=dQw4w9WgXcQ", "n'est pas un lien web valide"),
        ("https://[::1", "n'est pas un lien web valide"),
    ],
)
def test_garbage_is_refused_in_french(url, message):
    with pytest.raises(ValueError, match=message):
        embed_url(url)
