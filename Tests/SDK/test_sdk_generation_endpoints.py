"""The vendor's SDK (magic-hour 0.90.0) driving the fake's generation endpoints, one or more of
each project kind: `generate(wait_for_completion=True, download_outputs=True)` uploads the local
files, creates, polls the right project kind and downloads; the files must be what their kind
says (signatures, sizes), and the credits the docs' prices (magic-hour-api.md section 8).

Run by `.ci/sdk-test` with the same environment as test_sdk_against_fake.py.
"""

import os
import pathlib
import struct
import subprocess

import pytest
from magic_hour import Client

PAID_URL = os.environ["MH_FAKE_URL"]
PAID_TOKEN = os.environ["MH_FAKE_TOKEN"]
ASSETS = pathlib.Path(os.environ["MH_ASSETS"])
IMAGE = ASSETS / "products" / "sneaker.png"

os.environ.setdefault("MAGIC_HOUR_POLL_INTERVAL", "0.1")


@pytest.fixture(scope="module")
def client():
    return Client(token=PAID_TOKEN, base_url=PAID_URL, timeout=60)


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """A 6 s 24 fps MP4 with a soundtrack and a 4 s MP3, made with ffmpeg."""
    folder = tmp_path_factory.mktemp("inputs")
    video, audio = folder / "clip.mp4", folder / "speech.mp3"
    quiet = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"]
    subprocess.run(
        quiet + ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=24", "-f", "lavfi", "-i", "sine=frequency=300",
                 "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                 "-shortest", str(video)],
        check=True)
    subprocess.run(quiet + ["-f", "lavfi", "-i", "sine=frequency=500", "-t", "4", str(audio)], check=True)
    return {"video": video, "audio": audio}


def png_size(path):
    data = pathlib.Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def is_mp4(path):
    return pathlib.Path(path).read_bytes()[4:8] == b"ftyp"


def is_audio(path):
    head = pathlib.Path(path).read_bytes()[:12]
    mp3 = head[:3] == b"ID3" or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    wav = head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    return mp3 or wav


def test_text_to_video_generates_and_downloads_an_mp4(client, tmp_path):
    result = client.v1.text_to_video.generate(
        style={"prompt": "a lighthouse at dawn"}, end_seconds=5, model="ltx-2.3", resolution="480p",
        wait_for_completion=True, download_outputs=True, download_directory=str(tmp_path),
    )
    assert result.status == "complete", result.error
    assert result.type_ == "TEXT_TO_VIDEO"
    assert (result.width, result.height) == (854, 480) and result.end_seconds == 5
    assert len(result.downloaded_paths) == 1 and is_mp4(result.downloaded_paths[0])


def test_ai_image_generator_downloads_each_image(client, tmp_path):
    result = client.v1.ai_image_generator.generate(
        image_count=2, style={"prompt": "a red bicycle, studio light"}, model="flux-schnell", aspect_ratio="16:9",
        wait_for_completion=True, download_outputs=True, download_directory=str(tmp_path),
    )
    assert result.status == "complete", result.error
    assert result.type_ == "AI_IMAGE" and result.image_count == 2
    assert result.credits_charged == 2 * 5  # flux-schnell: 5 credits an image
    assert len(result.downloads) == 2 and len(set(result.downloaded_paths)) == 2
    for path in result.downloaded_paths:
        assert png_size(path) == (1024, 576)


def test_ai_image_upscaler_doubles_the_image(client, tmp_path):
    result = client.v1.ai_image_upscaler.generate(
        assets={"image_file_path": str(IMAGE)}, scale_factor=2, style={"mode": "preserve"},
        wait_for_completion=True, download_outputs=True, download_directory=str(tmp_path),
    )
    assert result.status == "complete", result.error
    assert result.type_ == "IMAGE_UPSCALER" and result.credits_charged == 25  # preserve 2x
    (width, height) = png_size(IMAGE)
    assert len(result.downloaded_paths) == 1
    assert png_size(result.downloaded_paths[0]) == (width * 2, height * 2)


def test_lip_sync_uploads_video_and_audio(client, tmp_path, media):
    result = client.v1.lip_sync.generate(
        assets={"video_file_path": str(media["video"]), "audio_file_path": str(media["audio"]), "video_source": "file"},
        start_seconds=0, end_seconds=4, style={"generation_mode": "lite"},
        wait_for_completion=True, download_outputs=True, download_directory=str(tmp_path),
    )
    assert result.status == "complete", result.error
    assert result.type_ == "LIP_SYNC"
    assert result.credits_charged == 4 * 24  # lite: 1 credit a frame, 24 fps
    assert len(result.downloaded_paths) == 1 and is_mp4(result.downloaded_paths[0])


def test_ai_voice_generator_downloads_audio(client, tmp_path):
    prompt = "Hello from the pipeline, spoken by the fake."
    result = client.v1.ai_voice_generator.generate(
        style={"prompt": prompt, "voice_name": "Morgan Freeman"},
        wait_for_completion=True, download_outputs=True, download_directory=str(tmp_path),
    )
    assert result.status == "complete", result.error
    assert result.type_ == "VOICE_GENERATOR"
    assert result.credits_charged == -(-len(prompt) * 5 // 100)  # 0.05 a character, rounded up
    assert len(result.downloaded_paths) == 1 and is_audio(result.downloaded_paths[0])
