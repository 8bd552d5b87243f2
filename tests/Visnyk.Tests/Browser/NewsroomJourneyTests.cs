using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Visnyk.Tests.Browser.KeyboardOnly;
using Visnyk.Accounts;
using Visnyk.Articles;
using Visnyk.Tests.Newsroom;

namespace Visnyk.Tests.Browser;

// The whole path in headless Chromium, with the keyboard alone: an editor signs in with an
// authenticator code, writes an article with a lead photo and a three-photo gallery (with
// descriptions), submits it; a chief editor publishes it; it is on the public site with
// AVIF/WebP/JPEG variants that carry no GPS.
[Trait("Category", "Browser")]
public class NewsroomJourneyTests(NewsroomBrowserSite browser) : IClassFixture<NewsroomBrowserSite>
{
    static readonly string Photo = Path.Combine(AppContext.BaseDirectory, "Media", "Fixtures", "photo-with-gps.jpg");
    const string Education = "departament-osvity-i-nauky";

    [Fact]
    public async Task Editor_writes_with_photos_chief_publishes_reader_sees_it_all_by_keyboard()
    {
        var work = Directory.CreateTempSubdirectory("visnyk-journey").FullName;
        var photos = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            // Four different pictures (the library reuses identical ones), each still carrying the GPS tags.
            var path = Path.Combine(work, $"photo-{i}.jpg");
            var bytes = await File.ReadAllBytesAsync(Photo);
            using var image = NetVips.Image.NewFromBuffer(bytes);
            using var shifted = image.Linear([1.0], [i * 3]).Cast(NetVips.Enums.BandFormat.Uchar);
            // Keep the metadata of the original on the changed pixels.
            shifted.Jpegsave(path, q: 85, keep: NetVips.Enums.ForeignKeep.All);
            photos.Add(path);
        }
        using (var check = NetVips.Image.NewFromFile(photos[1]))
        {
            Assert.Contains("exif-ifd3-GPSLatitude", check.GetFields());
        }

        var editorAccount = await browser.Site.CreateAsync(Roles.Editor, [Education]);
        var chiefAccount = await browser.Site.CreateAsync(Roles.ChiefEditor);
        await using var editorContext = await browser.NewContextAsync(BrowserSite.Desktop);
        var editor = await SignInAsync(editorContext, editorAccount);

        await TabToAsync(editor, "a[href='/admin/articles/edit']");
        await PressForNewPageAsync(editor, "Enter");
        await TypeIntoAsync(editor, "#Form_Title", "Учні здали олімпіаду з фізики");
        await TypeIntoAsync(editor, "#Form_Summary", "Підсумки обласної олімпіади.");
        await TypeIntoAsync(editor, ".rich-text__content", "Олімпіада відбулася в Полтаві.");
        await editor.Keyboard.PressAsync("Enter");
        await editor.Keyboard.PressAsync("Control+b");
        await editor.Keyboard.TypeAsync("Переможці");
        await editor.Keyboard.PressAsync("Control+b");
        await editor.Keyboard.TypeAsync(" отримали дипломи.");
        await TabToAsync(editor, "input[name='Form.Departments']");
        await editor.Keyboard.PressAsync("Space");
        await ChooseFilesAsync(editor, "#Form_LeadUpload", photos[0]);
        await TypeIntoAsync(editor, "#Form_LeadAlt", "Учасники олімпіади в актовій залі");
        await ChooseFilesAsync(editor, "#Form_GalleryUploads", photos[1], photos[2], photos[3]);
        await PressButtonAsync(editor, "button[formaction*='handler=Save']");
        Assert.Contains("Збережено", await editor.InnerTextAsync("main"));

        // Descriptions for the three gallery photos, then off to review.
        for (var i = 0; i < 3; i++)
        {
            await TypeIntoAsync(editor, $"#gallery-alt-{i}", $"Переможець олімпіади {i + 1}");
        }
        await PressButtonAsync(editor, "button[formaction*='handler=Submit']");
        Assert.Contains("Надіслано на перевірку", await editor.InnerTextAsync("main"));
        var id = int.Parse(editor.Url.Split('/').Last());

        await using var chiefContext = await browser.NewContextAsync(BrowserSite.Desktop);
        var chief = await SignInAsync(chiefContext, chiefAccount);
        await chief.GotoAsync($"/admin/articles/edit/{id}");
        Assert.Contains("на перевірці", await chief.InnerTextAsync("main"));
        await PressButtonAsync(chief, "button[formaction*='handler=Publish']");
        Assert.Contains("Опубліковано", await chief.InnerTextAsync("main"));

        Article article;
        await using (var scope = browser.Site.Scope(out var db))
        {
            article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
        }
        Assert.Equal(ArticleStatus.Published, article.Status);
        Assert.Contains("<strong>Переможці</strong>", article.Body);

        // The reader's view.
        await using var readerContext = await browser.NewContextAsync(BrowserSite.Phone);
        var reader = await readerContext.NewPageAsync();
        var response = await reader.GotoAsync(article.Path);
        Assert.Equal(200, response!.Status);
        Assert.Equal("Учні здали олімпіаду з фізики", await reader.InnerTextAsync("h1"));
        Assert.Equal(1, await reader.Locator(".article__lead picture source[type='image/avif']").CountAsync());
        Assert.Equal(3, await reader.Locator(".gallery picture source[type='image/webp']").CountAsync());
        var alts = await reader.Locator(".gallery img").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.alt)");
        Assert.Equal(["Переможець олімпіади 1", "Переможець олімпіади 2", "Переможець олімпіади 3"], alts);

        // Every picture the page offers, fetched as a browser would: no metadata left.
        var html = await reader.ContentAsync();
        var urls = new HtmlParser().ParseDocument(html).QuerySelectorAll("picture source, picture img")
            .SelectMany(e => (e.GetAttribute("srcset") ?? "").Split(',').Select(part => part.Trim().Split(' ')[0]))
            .Where(u => u.StartsWith("/media/")).Distinct().ToList();
        Assert.Contains(urls, u => u.EndsWith(".avif"));
        using var http = new HttpClient { BaseAddress = browser.BaseAddress };
        foreach (var url in urls)
        {
            var bytes = await http.GetByteArrayAsync(url);
            Assert.DoesNotContain("Exif\0\0", Encoding.Latin1.GetString(bytes));
            using var image = NetVips.Image.NewFromBuffer(bytes);
            Assert.DoesNotContain(image.GetFields(), f => f.StartsWith("exif") || f is "xmp-data" or "iptc-data");
        }
        Directory.Delete(work, recursive: true);
    }

    // Real clipboard HTML as Word and Google Docs put it there, pasted into the editor in Chromium:
    // what reaches the server (and then the page) is clean semantic HTML.
    [Theory]
    [InlineData("word")]
    [InlineData("google-docs")]
    public async Task Pasting_from_word_or_google_docs_gives_clean_html(string source)
    {
        var clipboard = source == "word"
            ? """
              <html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=UK>
              <!--StartFragment--><h1 style='mso-style-name:"Heading 1"'><span lang=UK>Звернення до мешканців</span></h1>
              <p class=MsoNormal><b><span lang=UK style='font-size:14.0pt;font-family:"Times New Roman",serif'>Шановні мешканці!</span></b><span lang=UK> Відключення <i>світла</i> можливі.<o:p></o:p></span></p>
              <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span lang=UK style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=UK>майте павербанк;</span></p>
              <p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>стежте за графіком.</p>
              <p class=MsoNormal><a href="https://www.poltava.gov.ua/" style='color:blue'>Сайт адміністрації</a><o:p></o:p></p><!--EndFragment--></body></html>
              """
            : """
              <meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5b9d2f1c-7fff-3c1e-2a4b-1f0e9d8c7b6a"><h1 dir="ltr" style="line-height:1.38;margin-top:20pt;"><span style="font-size:20pt;font-family:Arial,sans-serif;font-weight:400;">Звернення до мешканців</span></h1><p dir="ltr" style="line-height:1.38;"><span style="font-size:11pt;font-weight:700;">Шановні мешканці!</span><span style="font-size:11pt;font-weight:400;"> Відключення </span><span style="font-size:11pt;font-style:italic;">світла</span><span style="font-size:11pt;"> можливі.</span></p><ul style="margin-top:0;"><li dir="ltr" style="list-style-type:disc;"><p dir="ltr" role="presentation"><span>майте павербанк;</span></p></li><li dir="ltr"><p dir="ltr" role="presentation"><span>стежте за графіком.</span></p></li></ul><p dir="ltr"><a href="https://www.poltava.gov.ua/" style="text-decoration:none;"><span style="color:#1155cc;text-decoration:underline;">Сайт адміністрації</span></a></p></b>
              """;
        var chief = await browser.Site.CreateAsync(Roles.ChiefEditor);
        await using var context = await browser.NewContextAsync(BrowserSite.Desktop);
        var page = await SignInAsync(context, chief);
        await page.GotoAsync("/admin/articles/edit");
        await page.FocusAsync(".rich-text__content");
        await page.EvaluateAsync("""
            html => {
              const data = new DataTransfer();
              data.setData('text/html', html);
              data.setData('text/plain', 'plain text fallback');
              document.querySelector('.rich-text__content').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, clipboard);
        var posted = await page.InputValueAsync("#Form_Body");
        Assert.DoesNotContain("style=", posted);
        Assert.DoesNotContain("class=", posted);
        Assert.DoesNotContain("<span", posted);
        Assert.DoesNotContain("<h1", posted);
        Assert.DoesNotContain("o:p", posted);
        Assert.DoesNotContain("plain text fallback", posted);
        Assert.Contains("<h2>Звернення до мешканців</h2>", posted);
        Assert.Contains("<strong>Шановні мешканці!</strong>", posted);
        Assert.Contains("<em>світла</em>", posted);
        Assert.Matches("<ul><li><p>майте павербанк;</p></li><li><p>стежте за графіком.</p></li></ul>", posted);
        Assert.Contains("<a href=\"https://www.poltava.gov.ua/\"", posted);
    }
}
