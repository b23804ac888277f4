"""The keys that act on the post under the week's cursor: new, open, edit, delete, move,
adapt, copy, compose and publish. Each is one worker that awaits its dialogs and its database
calls in order, then says what changed with ``Reload``; the week screen loads again.
It is not drawn; the week's body, beside it, says with ``selection`` which post the keys act on."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.widget import Widget
from textual.worker import Worker

from edcal.domain import clock, wording
from edcal.domain.dates import DateError, WallTime, typed_instant, zone
from edcal.domain.models import Post, Status
from edcal.errors import EdcalError
from edcal.ui.messages import Reload
from edcal.ui.widgets.week_body import WeekBody

if TYPE_CHECKING:
    from textual import getters

    from edcal.domain.plan import Results
    from edcal.domain.recurrence import Slot
    from edcal.ui.host import Host

POSTS = work(exclusive=True, group="post-action", exit_on_error=False)  # one post action at a time


class PostActions(Widget):
    DEFAULT_CSS = "PostActions { display: none; }"

    if TYPE_CHECKING:
        app = getters.app(Host)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.app.report_failure(event)  # a worker's state stays with its widget: the app says what failed

    @property
    def body(self) -> WeekBody:
        return self.screen.query_one(WeekBody)

    def _changed(self, note: str | None = None, *, day: date | None = None, platform: str | None = None) -> None:
        if note:
            self.notify(note)
        self.post_message(Reload(day, platform))

    async def _post(self, verb: str) -> Post | None:
        """The post the keys act on as the database has it now, asking which when there are several."""
        from edcal.services import posts  # the rules engine loads on first use
        from edcal.ui.screens.dialogs import ChooserScreen

        items = self.body.selected_posts()
        if not items:
            self.notify(f"Nothing to {verb} here.", severity="warning")
            return None
        post_id = items[0].post.id or 0
        if len(items) > 1:
            viewer = self.body.data.settings.timezone if self.body.data else "UTC"
            options = [(str(i.post.id), f"{i.post.seen_from(viewer)[0]:%H:%M}  {i.post.status:<9} "  # type: ignore[index]
                        f"{i.post.headline(50)}") for i in items]
            key = await self.app.ask(ChooserScreen(f"Which post to {verb}?", options))
            if not key:
                return None
            post_id = int(key)
        return await self.app.store_call(lambda store: posts.get(store, post_id))

    async def _edit(self, post: Post | None = None, template: Post | None = None, results: Results | None = None,
                    day: date | None | bool = True) -> None:
        """The editor on ``post`` (or a new one from ``template``), on the cell's day and slots
        unless ``day`` says otherwise (None: no date, an idea)."""
        from edcal.ui.screens.editor import PostEditor  # loaded on first use, off the first frame

        grid = self.body.grid
        if not grid.platforms:
            self.notify("Choose your platforms first (ctrl+p, 'Choose platforms').", severity="warning")
            return
        viewer = zone(self.app.zone_name)
        slots = tuple(s.utc.astimezone(viewer).replace(tzinfo=None) for s in grid.selected_slots()) if day is True else ()
        editor = PostEditor(self.app.store, grid.platforms, post=post, template=template, results=results,
                            platform=grid.selected_platform.key if grid.selected_platform else None,
                            day=grid.selected_day if day is True else day or None, now=self.app.now_local(),
                            tz=self.app.zone_name, slots=slots)
        saved = await self.app.ask(editor)
        if saved is not None:
            self._changed(f"Saved post {saved.id}.")

    async def _open(self, post_id: int) -> None:
        """The editor on a post, with its results, both read off the UI thread."""
        from edcal.services import posts

        post, results = await self.app.store_call(lambda store: posts.with_results(store, post_id))
        await self._edit(post, results=results)

    # -- new, open, edit --------------------------------------------------------------

    @POSTS
    async def action_new(self) -> None:
        chosen = self.body.selection()
        if not chosen.in_backlog:
            await self._edit()
        elif chosen.platform is not None:  # a new idea, without a date
            await self._edit(template=Post(platform=chosen.platform.key, status=Status.IDEA), day=None)

    @POSTS
    async def action_open(self) -> None:
        """Open the cell's post; offer its open slots too; a new post when the cell is empty."""
        from edcal.ui.screens.dialogs import ChooserScreen

        chosen = self.body.selection()
        if not chosen.slots:
            if not chosen.posts:
                await self._edit()
            elif post := await self._post("open"):
                await self._open(post.id or 0)
            return
        if len(chosen.slots) == 1 and not chosen.posts:
            await self._fill(chosen.slots[0])
            return
        options = [(f"post:{i.post.id}", f"{i.post.local_time():%H:%M}  {i.post.status:<9} {i.post.headline(50)}")
                   for i in chosen.posts]
        options += [(f"slot:{n}", f"{s.local():%H:%M}  fill slot  {s.title or ''}") for n, s in enumerate(chosen.slots)]
        key = await self.app.ask(ChooserScreen("Open which?", options))
        if key and key.startswith("post:"):
            await self._open(int(key[5:]))
        elif key:
            await self._fill(chosen.slots[int(key[5:])])

    async def _fill(self, slot: Slot) -> None:
        """A new post made from an open slot: its time, title and template text."""
        await self._edit(template=Post(platform=slot.platform, title=slot.title, body=slot.template or "",
                                       scheduled_at=slot.utc, tz=slot.tz, fold=slot.fold, status=Status.DRAFT,
                                       series_id=slot.series_id, slot_date=slot.day))

    @POSTS
    async def action_edit(self) -> None:
        if post := await self._post("edit"):
            await self._open(post.id or 0)

    # -- delete, move, adapt ------------------------------------------------------------

    @POSTS
    async def action_delete(self) -> None:
        from edcal.services import posts
        from edcal.ui.screens.dialogs import ConfirmScreen

        post = await self._post("delete")
        if post is None or not await self.app.ask(
                ConfirmScreen(f"Delete “{post.headline(40)}” ({post.platform})?")):
            return
        await self.app.store_call(lambda store: posts.delete(store, post.id or 0))
        self._changed(f"Deleted post {post.id}.")

    @POSTS
    async def action_move_post(self) -> None:
        from edcal.services import posts
        from edcal.ui.screens.dialogs import PromptScreen

        post = await self._post("move")
        if post is None:
            return
        tz = post.tz or self.app.zone_name
        local = post.local_time()
        current = local.replace(tzinfo=None) if local else None  # None: an idea from the backlog

        def target(value: str) -> WallTime:
            return typed_instant(value, tz, clock.now(), keep=current, keep_fold=post.fold)

        def check(value: str) -> tuple[bool, str]:
            try:
                wall = target(value)
            except DateError as exc:
                return False, str(exc)
            return True, f"→ {wall.local:%a %d %b %Y %H:%M} {tz}" + (f" ({wall.note})" if wall.note else "")

        if current is None:
            prompt = PromptScreen(f"Plan “{post.headline(30)}” for (a day and a time)",
                                  placeholder="tue 9:00, 2026-12-01 18:30", check=check)
        else:
            prompt = PromptScreen(f"Move “{post.headline(30)}” to (the time of day stays unless you type one)",
                                  value=current.date().isoformat(), check=check)
        value = await self.app.ask(prompt)
        if not value:
            return
        wall = target(value)
        if wall.utc == post.scheduled_at:
            self.notify("Not moved: it is planned for that time already.")
            return
        saved = await self.app.store_call(lambda store: posts.move(store, post, wall))
        self._changed(f"Moved to {wall.local:%a %d %b %H:%M}." if current else
                      f"Planned for {wall.local:%a %d %b %H:%M} as a {saved.post.status}: open it to finish it.",
                      day=wall.local.date())

    @POSTS
    async def action_adapt(self) -> None:
        """Linked drafts of the post for other platforms (one idea, adapted per platform)."""
        from edcal.services import channels, posts
        from edcal.ui.screens.dialogs import ChooserScreen, ConfirmScreen

        data, post = self.body.data, await self._post("adapt")
        if data is None or post is None:
            return
        profiles = await self.app.store_call(channels.profile_names)
        taken = {p.platform for p in data.ideas.get(post.idea or "", [])} | {post.platform}
        on = {p.key: self.app.channel_name(p) for p in data.platforms if p.key not in taken}
        off = {key: name for key, name in profiles.items() if key not in taken and key not in {p.key for p in data.platforms}}
        options = [*on.items(), *([("*", f"All {len(on)}: {', '.join(on.values())}")] if len(on) > 1 else []),
                   *((key, f"{name} (not on yet: asks to enable it)") for key, name in off.items())]
        if not options:
            self.notify("This post has a variant on every platform already.", severity="warning")
            return
        key = await self.app.ask(ChooserScreen(f"Adapt “{post.headline(30)}” for which platform?", options))
        if not key or key in off and not await self.app.ask(
                ConfirmScreen(f"{off[key]} is not on. Enable it and adapt the post there?")):
            return
        keys = list(on) if key == "*" else [key]
        saved = await self.app.store_call(lambda store: posts.adapt(store, post.id or 0, keys, enable=key in off))
        self._changed(f"Made {wording.count(len(saved), 'draft')} from post {post.id}: adapt each text to its platform; "
                      "the grid marks the variants of the selected post.", platform=saved[0].post.platform)

    # -- the moment of posting ------------------------------------------------------------

    @POSTS
    async def action_yank(self) -> None:
        from edcal.domain.compose_pages import post_text

        if post := await self._post("copy"):
            text = post_text(post)
            self.app.copy_to_clipboard(text)  # OSC 52: the terminal puts it on the system clipboard
            self.notify(f"Copied post {post.id}'s text ({wording.count(len(text), 'character')}). If your terminal "
                        f"does not pass copies on, `edcal show {post.id}` prints it.")

    @POSTS
    async def action_compose(self) -> None:
        from edcal.domain.compose_pages import compose_url

        post = await self._post("post")
        if post is None:
            return
        profile = next((p.profile for p in self.body.grid.platforms if p.key == post.platform), post.platform)
        try:
            url = compose_url(profile, post, mastodon_server=self.app.config.compose.mastodon)
        except EdcalError as exc:
            self.app.notify_error(str(exc))
            return
        self._open_page(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_page(self, url: str) -> None:
        import webbrowser

        opened = webbrowser.open(url)
        self.app.call_from_thread(self.notify, "Opened the compose page: post it, then press p." if opened
                                  else f"No browser to open; the page is {url}", timeout=8)

    @POSTS
    async def action_publish(self) -> None:
        """Mark the post published, with its address if given, then offer to record its results."""
        from edcal.services import posts
        from edcal.ui.screens.dialogs import ConfirmScreen, PromptScreen

        def check(value: str) -> tuple[bool, str]:
            url = value.strip()
            if url and not url.lower().startswith(("https://", "http://")):
                return False, "a post's address starts with https://"
            return True, "enter marks it published" + (" at this address" if url else " (no address)")

        post = await self._post("mark published")
        if post is None:
            return
        url = await self.app.ask(PromptScreen(
            f"“{post.headline(30)}” went out. Its address (optional: enter skips)", value=post.published_url or "",
            placeholder="https://…", check=check))
        if url is None:
            return
        saved = await self.app.store_call(lambda store: posts.publish(store, post.id or 0, url))
        self._changed()
        if await self.app.ask(ConfirmScreen(f"Post {saved.post.id} marked published. Record its results "
                                                         "(reach, engagements…) now? They can wait: e later.")):
            await self._open(saved.post.id or 0)

