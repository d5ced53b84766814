"""The vendor's Python SDK (magic-hour 0.90.0, PyPI) as a client of `pipeline fake-api`.

Run by `.ci/sdk-test` (from `make test`), which installs the SDK and pytest in a venv under
`.build/sdk-venv`, starts two fakes and sets:

- MH_FAKE_URL, MH_FAKE_TOKEN: a paid-tier (creator) fake with a large balance;
- MH_FREE_URL, MH_FREE_TOKEN: a free-tier fake with a small balance (402s, tier answers);
- MH_ASSETS: a folder with test images (pipelines/assets).

Every expectation is the vendor's, not the fake's: the SDK's response models (pydantic, so a
missing or mistyped field fails the parse), the docstrings of magic_hour/types/params/*.py
(durations, resolutions, audio, upload extensions) and the docs' prices (models.mdx, 2026-08-22).
"""

import datetime
import json
import os
import pathlib
import subprocess

import pydantic
import pytest
from magic_hour import Client
from make_api_request import ApiError

PAID_URL = os.environ["MH_FAKE_URL"]
PAID_TOKEN = os.environ["MH_FAKE_TOKEN"]
FREE_URL = os.environ["MH_FREE_URL"]
FREE_TOKEN = os.environ["MH_FREE_TOKEN"]
ASSETS = pathlib.Path(os.environ["MH_ASSETS"])
IMAGE = ASSETS / "products" / "sneaker.png"
OTHER_IMAGE = ASSETS / "products" / "watch.jpg"

# The SDK's 0.5 s poll is fine against a real server; the fake renders in under a second.
os.environ.setdefault("MAGIC_HOUR_POLL_INTERVAL", "0.1")

# The output frame size of each resolution (landscape source).
FRAME = {"360p": (640, 360), "480p": (854, 480), "720p": (1280, 720), "1080p": (1920, 1080), "4k": (3840, 2160)}

# Upload extensions per asset type, from the SDK's UploadUrlsClient.create docstring.
UPLOAD_EXTENSIONS = {
    "video": ["mp4", "m4v", "mov", "webm"],
    "audio": ["mp3", "wav", "aac", "flac", "webm", "weba", "m4a", "opus", "ogg", "oga", "aiff", "amr"],
    "image": ["png", "jpg", "jpeg", "jfif", "heic", "heif", "webp", "avif", "jp2", "tiff", "tif", "bmp"],
}

# (model, resolution, seconds, audio, credits per the docs or None when no price is published).
GENERATED = [
    ("kling-3.0", "1080p", 5, True, 5 * (72 + 24)),
    ("kling-3.0", "4k", 3, False, 3 * 240),
    ("ltx-2.5", "480p", 20, True, None),
    ("veo3.1-lite", "720p", 8, True, 8 * (48 + 24)),
    ("veo3.1", "1080p", 4, False, 4 * 120),
    ("seedance-1.5", "480p", 12, True, 12 * (30 + 30)),
    ("seedance-2.0", "4k", 4, False, None),
    ("gemini-omni-1.1", "360p", 3, False, None),
    ("wan-2.2", "480p", 15, False, 15 * 24),
    ("sora-2", "720p", 12, True, 12 * 120),
    ("kling-2.6", "720p", 10, False, 10 * 36),
]

# (model, resolution, seconds, audio): requests the SDK's docstrings say the API refuses.
REFUSED = [
    ("kling-3.0", "720p", 20, None),  # 3–15 s
    ("veo3.1", "720p", 7, None),  # 4, 6, 8, 16, …
    ("kling-2.6", "480p", 5, None),  # 720p, 1080p
    ("wan-2.2", "720p", 5, True),  # no audio
    ("gemini-omni-1.1", "480p", 5, None),  # 360p, 720p, 1080p, 4k
    ("seedance-2.0-mini", "1080p", 5, None),  # 480p, 720p
    ("ltx-2.5", "4k", 5, None),  # 480p, 720p, 1080p
    ("wan-3.0", "720p", 11, None),  # 2–10, 15, 20, 25, 30
]


@pytest.fixture(scope="module")
def client():
    return Client(token=PAID_TOKEN, base_url=PAID_URL, timeout=60)


@pytest.fixture(scope="module")
def free_client():
    return Client(token=FREE_TOKEN, base_url=FREE_URL, timeout=60)


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def ffprobe_streams(path):
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=codec_type,width,height", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out)["streams"]


def message_of(error):
    assert isinstance(error.body, dict), f"error body is not a JSON object: {error.body!r}"
    assert isinstance(error.body.get("message"), str) and error.body["message"], error.body
    return error.body["message"]


# MARK: Account


def test_account_answers_balance_and_tier(client):
    account = client.v1.account.list()
    assert isinstance(account.id, str) and account.id
    assert isinstance(account.credits, int) and account.credits > 0
    assert account.tier in ("creator", "pro", "business")
    # A paid account has a subscription with its price.
    assert account.subscription is not None
    assert account.subscription.status in ("active", "past_due")
    assert isinstance(account.subscription.price.amount, int)
    assert isinstance(account.subscription.price.currency, str)
    assert isinstance(account.subscription.cancel_at_period_end, bool)


def test_free_account_has_no_subscription(free_client):
    account = free_client.v1.account.list()
    assert account.tier == "free"
    assert account.subscription is None


def test_balance_goes_down_by_what_a_create_charged(client):
    before = client.v1.account.list().credits
    created = client.v1.image_to_video.create(
        assets={"image_file_path": "https://example.com/a.png"}, end_seconds=5, model="kling-3.0",
        resolution="720p", audio=True,
    )
    assert created.credits_charged == 5 * (48 + 24)
    after = client.v1.account.list().credits
    assert before - after == created.credits_charged


def test_a_wrong_key_is_401(client):
    with pytest.raises(ApiError) as raised:
        Client(token="fake-test-key-wrong", base_url=PAID_URL).v1.account.list()
    assert raised.value.status_code == 401
    message_of(raised.value)


# MARK: Uploads


@pytest.mark.parametrize("asset_type", sorted(UPLOAD_EXTENSIONS))
def test_upload_urls_for_every_documented_extension(client, asset_type):
    extensions = UPLOAD_EXTENSIONS[asset_type]
    answer = client.v1.files.upload_urls.create(items=[{"type_": asset_type, "extension": e} for e in extensions])
    assert len(answer.items) == len(extensions)
    for item, extension in zip(answer.items, extensions):
        # In request order, each with its own path and a URL to PUT to.
        assert item.file_path.startswith("api-assets/") and item.file_path.endswith("." + extension)
        assert item.upload_url.startswith("http")
        assert parse_time(item.expires_at) > datetime.datetime.now(datetime.timezone.utc)
    assert len({item.file_path for item in answer.items}) == len(extensions)


def test_an_undocumented_extension_is_refused(client):
    with pytest.raises(ApiError) as raised:
        client.v1.files.upload_urls.create(items=[{"type_": "image", "extension": "exe"}])
    assert raised.value.status_code in (400, 422)
    assert "exe" in message_of(raised.value)


def test_upload_file_puts_the_bytes_and_returns_the_path(client):
    path = client.v1.files.upload_file(str(IMAGE))
    assert path.startswith("api-assets/") and path.endswith(".png")
    # A URL and an uploaded path are passed through unchanged, as the SDK documents.
    assert client.v1.files.upload_file("https://example.com/a.png") == "https://example.com/a.png"
    assert client.v1.files.upload_file(path) == path


# MARK: Image-to-video


@pytest.mark.parametrize("model,resolution,seconds,audio,credits", GENERATED)
def test_generate_uploads_renders_and_downloads(client, tmp_path, model, resolution, seconds, audio, credits):
    result = client.v1.image_to_video.generate(
        assets={"image_file_path": str(IMAGE)}, end_seconds=seconds, model=model, resolution=resolution,
        audio=audio, name=f"sdk {model}", wait_for_completion=True, download_outputs=True,
        download_directory=str(tmp_path),
    )
    assert result.status == "complete", result.error
    assert result.type_ == "IMAGE_TO_VIDEO"
    assert result.enabled is True
    assert result.end_seconds == seconds and result.start_seconds == 0
    assert (result.width, result.height) == FRAME[resolution]
    assert result.fps > 0
    assert result.error is None
    assert result.name == f"sdk {model}"
    if credits is None:
        assert result.credits_charged > 0  # no published price: only the answer tells
    else:
        assert result.credits_charged == credits
    assert len(result.downloads) == 1 and result.download is not None
    assert parse_time(result.downloads[0].expires_at) > datetime.datetime.now(datetime.timezone.utc)
    assert len(result.downloaded_paths) == 1
    video = pathlib.Path(result.downloaded_paths[0])
    assert video.read_bytes()[4:8] == b"ftyp"
    streams = ffprobe_streams(video)
    picture = [s for s in streams if s["codec_type"] == "video"]
    assert picture and (picture[0]["width"], picture[0]["height"]) == FRAME[resolution]
    sound = [s for s in streams if s["codec_type"] == "audio"]
    assert bool(sound) == audio, f"audio track {'missing' if audio else 'unexpected'}: {streams}"


def test_create_get_delete(client):
    created = client.v1.image_to_video.create(
        assets={"image_file_path": "https://example.com/a.png"}, end_seconds=4, model="veo3.1", resolution="720p",
    )
    assert isinstance(created.id, str) and created.id
    assert created.credits_charged == 4 * 96
    assert isinstance(created.estimated_frame_cost, int)
    project = client.v1.video_projects.get(id=created.id)
    assert project.id == created.id
    assert project.status in ("queued", "rendering", "complete")
    assert parse_time(project.created_at) <= datetime.datetime.now(datetime.timezone.utc)
    done = client.v1.video_projects.check_result(id=created.id, wait_for_completion=True, download_outputs=False)
    assert done.status == "complete" and len(done.downloads) == 1
    assert client.v1.video_projects.delete(id=created.id) is None
    gone = client.v1.video_projects.get(id=created.id)
    assert gone.enabled is False
    assert gone.downloads == []


def test_an_end_image_uploaded_by_the_caller(client):
    # The SDK's generate() uploads only image_file_path; the caller uploads the end image.
    first = client.v1.files.upload_file(str(IMAGE))
    last = client.v1.files.upload_file(str(OTHER_IMAGE))
    created = client.v1.image_to_video.create(
        assets={"image_file_path": first, "end_image_file_path": last}, end_seconds=5, model="kling-3.0",
        resolution="1080p",
    )
    assert created.credits_charged == 5 * 72
    done = client.v1.video_projects.check_result(id=created.id, wait_for_completion=True, download_outputs=False)
    assert done.status == "complete"


def test_an_end_image_the_model_does_not_take_is_422(client):
    with pytest.raises(ApiError) as raised:
        client.v1.image_to_video.create(
            assets={"image_file_path": "https://example.com/a.png", "end_image_file_path": "https://example.com/z.png"},
            end_seconds=16, model="veo3.1", resolution="720p",
        )
    assert raised.value.status_code == 422
    assert "end_image_file_path" in message_of(raised.value)


@pytest.mark.parametrize("model,resolution,seconds,audio", REFUSED)
def test_a_model_rule_is_422_naming_the_field(client, model, resolution, seconds, audio):
    # The SDK sends `audio: null` for audio=None, which the schema (a boolean) refuses: leave it out.
    extra = {} if audio is None else {"audio": audio}
    with pytest.raises(ApiError) as raised:
        client.v1.image_to_video.create(
            assets={"image_file_path": "https://example.com/a.png"}, end_seconds=seconds, model=model,
            resolution=resolution, **extra,
        )
    assert raised.value.status_code == 422, message_of(raised.value)
    message = message_of(raised.value)
    assert any(field in message for field in ("end_seconds", "resolution", "audio")), message


@pytest.mark.parametrize("seconds", [0.5, 61])
def test_a_body_outside_the_schema_is_400(client, seconds):
    with pytest.raises(ApiError) as raised:
        client.v1.image_to_video.create(
            assets={"image_file_path": "https://example.com/a.png"}, end_seconds=seconds, model="kling-3.0",
        )
    assert raised.value.status_code == 400
    assert "end_seconds" in message_of(raised.value)


def test_the_sdk_refuses_a_model_outside_its_enum_before_sending(client):
    with pytest.raises(pydantic.ValidationError):
        client.v1.image_to_video.create(
            assets={"image_file_path": "https://example.com/a.png"}, end_seconds=5, model="kling-3",
        )


def test_out_of_credits_is_402(free_client):
    balance = free_client.v1.account.list().credits
    seconds = 15
    assert seconds * 72 > balance, "the free fake's balance must be below one 1080p kling-3.0 clip"
    with pytest.raises(ApiError) as raised:
        free_client.v1.image_to_video.create(
            assets={"image_file_path": "https://example.com/a.png"}, end_seconds=seconds, model="kling-3.0",
            resolution="1080p",
        )
    assert raised.value.status_code == 402
    message_of(raised.value)
    assert free_client.v1.account.list().credits == balance


def test_an_unset_resolution_is_480p_on_the_free_tier(free_client):
    created = free_client.v1.image_to_video.create(
        assets={"image_file_path": "https://example.com/a.png"}, end_seconds=5, model="ltx-2.3",
    )
    assert created.credits_charged == 5 * 24
    done = free_client.v1.video_projects.check_result(id=created.id, wait_for_completion=True, download_outputs=False)
    assert (done.width, done.height) == FRAME["480p"]


def test_default_on_the_free_tier_is_ltx_at_480p(free_client):
    # `default` is ltx-2.5 on free tiers and the resolution defaults to 480p there (SDK docstrings).
    created = free_client.v1.image_to_video.create(
        assets={"image_file_path": "https://example.com/a.png"}, end_seconds=2,
    )
    done = free_client.v1.video_projects.check_result(id=created.id, wait_for_completion=True, download_outputs=False)
    assert done.status == "complete"
    assert (done.width, done.height) == FRAME["480p"]
    # ltx-2.5 takes 1–60 s, so 2 s (which kling-3.0 refuses) is accepted.


def test_default_on_a_paid_tier_is_kling_3_at_720p(client):
    created = client.v1.image_to_video.create(
        assets={"image_file_path": "https://example.com/a.png"}, end_seconds=5,
    )
    assert created.credits_charged == 5 * 48
    done = client.v1.video_projects.check_result(id=created.id, wait_for_completion=True, download_outputs=False)
    assert (done.width, done.height) == FRAME["720p"]
    with pytest.raises(ApiError) as raised:
        client.v1.image_to_video.create(assets={"image_file_path": "https://example.com/a.png"}, end_seconds=2)
    assert raised.value.status_code == 422  # kling-3.0 takes 3–15 s


def test_an_unknown_project_is_404(client):
    with pytest.raises(ApiError) as raised:
        client.v1.video_projects.get(id="no-such-project")
    assert raised.value.status_code == 404
    message_of(raised.value)
