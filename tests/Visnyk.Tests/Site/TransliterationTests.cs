using Visnyk.Site;

namespace Visnyk.Tests.Site;

public class TransliterationTests
{
    // The examples of Cabinet of Ministers resolution No. 55 of 27.01.2010.
    [Theory]
    [InlineData("Згорани", "Zghorany")]
    [InlineData("Розгон", "Rozghon")]
    [InlineData("Щербухи", "Shcherbukhy")]
    [InlineData("Юрій", "Yurii")]
    [InlineData("Яготин", "Yahotyn")]
    [InlineData("Ізмаїл", "Izmail")]
    [InlineData("Знам'янка", "Znamianka")]
    [InlineData("Феодосія", "Feodosiia")]
    [InlineData("Олексій", "Oleksii")]
    [InlineData("Житомир", "Zhytomyr")]
    [InlineData("Гоща", "Hoshcha")]
    [InlineData("Ґалаґан", "Galagan")]
    [InlineData("Їжакевич", "Yizhakevych")]
    // and more of the resolution's table
    [InlineData("Алушта", "Alushta")]
    [InlineData("Андрій", "Andrii")]
    [InlineData("Єнакієве", "Yenakiieve")]
    [InlineData("Гаєвич", "Haievych")]
    [InlineData("Короп'є", "Koropie")]
    [InlineData("Стрий", "Stryi")]
    [InlineData("Кадиївка", "Kadyivka")]
    [InlineData("Мар'їне", "Marine")]
    [InlineData("Йосипівка", "Yosypivka")]
    [InlineData("Юрчишин", "Yurchyshyn")]
    [InlineData("Крюківка", "Kriukivka")]
    [InlineData("Ярошенко", "Yaroshenko")]
    [InlineData("Костянтин", "Kostiantyn")]
    [InlineData("Знам’янка", "Znamianka")]
    [InlineData("Знамʼянка", "Znamianka")]
    [InlineData("Харків", "Kharkiv")]
    [InlineData("Біла Церква", "Bila Tserkva")]
    [InlineData("Чернігів", "Chernihiv")]
    [InlineData("Шостка", "Shostka")]
    [InlineData("Полтавщина", "Poltavshchyna")]
    public void Transliterates_as_the_resolution_shows(string ukrainian, string latin) =>
        Assert.Equal(latin, Transliteration.ToLatin(ukrainian));

    [Fact]
    public void Whole_words_in_capitals_stay_in_capitals() =>
        Assert.Equal("SHCHERBUKHY, Yurii", Transliteration.ToLatin("ЩЕРБУХИ, Юрій"));

    [Fact]
    public void Word_initial_spelling_applies_after_spaces_hyphens_and_quotes()
    {
        Assert.Equal("yevropeiskyi-soiuz", Transliteration.Slugify("Європейський союз"));
        Assert.Equal("pivnichno-yizhakivskyi", Transliteration.Slugify("Північно-Їжаківський"));
        Assert.Equal("yuvileina-yalynka", Transliteration.Slugify("«Ювілейна» ялинка"));
    }

    [Theory]
    [InlineData("Членкині Коаліції 1325 Полтавщини зустрілись з Консультаційною місією ЄС в Україні (КМЄС)",
        "chlenkyni-koalitsii-1325-poltavshchyny-zustrilys-z-konsultatsiinoiu-misiieiu-yes")]
    [InlineData("Жити без бар’єрів: як в Новосанжарському будинку-інтернаті", "zhyty-bez-barieriv-yak-v-novosanzharskomu-budynku-internati")]
    [InlineData("  Зг — «Розгін»!!  ", "zgh-rozghin")]
    [InlineData("Дія.Освіта 2025", "diia-osvita-2025")]
    [InlineData("!!!", "")]
    public void Slugs_are_lowercase_ascii_words_joined_by_hyphens(string title, string slug) =>
        Assert.Equal(slug, Transliteration.Slugify(title));

    [Fact]
    public void Long_slugs_are_cut_at_a_word_boundary()
    {
        var slug = Transliteration.Slugify(string.Join(' ', Enumerable.Repeat("Полтавщина", 20)));
        Assert.True(slug.Length <= 80, slug);
        Assert.EndsWith("poltavshchyna", slug);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
    }
}
